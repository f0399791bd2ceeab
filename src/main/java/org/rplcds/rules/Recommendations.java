package org.rplcds.rules;

import java.util.ArrayList;
import java.util.List;
import org.rplcds.facts.PatientFacts;

/** The catalogue: runs every recommendation behind the global gate. */
public final class Recommendations {

    /** No card for children: the gate when a birth date is known. */
    static final int MIN_AGE_YEARS = 12;

    private final List<Recommendation> catalogue;
    private final Presentation presentation;

    public Recommendations(List<Recommendation> catalogue, Presentation presentation) {
        this.catalogue = List.copyOf(catalogue);
        this.presentation = presentation;
    }

    /** The catalogue as shipped, with the default presentation. */
    public static Recommendations all() {
        return all(Presentation.DEFAULT);
    }

    /** The catalogue as shipped. */
    public static Recommendations all(Presentation presentation) {
        return new Recommendations(
                List.of(
                        new Rpl01RecurrentPregnancyLoss(),
                        new Rpl02GeneticTesting(),
                        new Rpl03ThyroidWorkUp(),
                        new Rpl04ThyroidTreatment(),
                        new Rpl05AntiphospholipidScreening(),
                        new Rpl06AntiphospholipidConfirmation(),
                        new Rpl07AntiphospholipidTreatment(),
                        new Rpl08UterineAssessment(),
                        new Rpl09CavityLesion(),
                        new Rpl10ProgesteroneForBleeding(),
                        new Rpl11ProgesteroneWithoutIndication(),
                        new Rpl12HistoryIndicatedCerclage(),
                        new Rpl13CervicalSurveillance(),
                        new Rpl14DiabetesControl(),
                        new Rpl15Prolactin(),
                        new Rpl16Lifestyle(),
                        new Rpl17FeverInPregnancy(),
                        new Rpl18Anaemia(),
                        new Rpl19GenitalInfection(),
                        new Rpl20PartnerEvaluation(),
                        new Rpl21UnexplainedLoss(),
                        new Rpl22MaternalDisease(),
                        new Rpl23LowValueCare(),
                        new Rpl24CerclageRemoval(),
                        new Rpl25ChromosomalRearrangement()),
                presentation);
    }

    public List<Finding> evaluate(PatientFacts facts, GuidelineProfile profile) {
        if (!eligible(facts)) {
            return List.of();
        }
        // The derived facts are computed once per call; every rule reads the same assessment.
        Assessment assessment = Assessment.of(facts, profile, presentation);
        List<Finding> findings = new ArrayList<>();
        for (Recommendation recommendation : catalogue) {
            recommendation.evaluate(assessment).ifPresent(findings::add);
        }
        return findings;
    }

    /** Women are evaluated; men never; others only when the record shows a pregnancy or a loss. */
    static boolean eligible(PatientFacts facts) {
        if (facts.ageYears().filter(age -> age < MIN_AGE_YEARS).isPresent()) {
            return false;
        }
        return switch (facts.sex()) {
            case FEMALE -> true;
            case MALE -> false;
            case OTHER, UNKNOWN -> facts.pregnancy().pregnant()
                    || facts.history().anyEvidence();
        };
    }
}
