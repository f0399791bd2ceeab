package org.rplcds.rules;

import java.math.BigDecimal;
import java.util.List;
import org.rplcds.facts.Analyte;
import org.rplcds.facts.Chart;
import org.rplcds.facts.LabResult;
import org.rplcds.facts.PatientFacts;
import org.rplcds.facts.ProblemKind;
import org.rplcds.facts.ProcedureKind;

/** Conditions several recommendations share. */
final class Rules {

    private Rules() {}

    static boolean rpl(PatientFacts facts, GuidelineProfile profile) {
        return RecurrentLoss.of(facts.history(), profile).identified();
    }

    static boolean pregnant(PatientFacts facts) {
        return facts.pregnancy().pregnant();
    }

    /** Gestational age in days, or -1 when unknown. */
    static int gestationDays(PatientFacts facts) {
        return facts.pregnancy().gestationalAgeDays().orElse(-1);
    }

    static String number(BigDecimal value) {
        return value.setScale(1, java.math.RoundingMode.HALF_UP)
                .stripTrailingZeros()
                .toPlainString();
    }

    /** A known cause of pregnancy loss is on record (thyroid, APS, uterine, chromosomal, diabetes, cervix). */
    static boolean causeIdentified(PatientFacts facts, GuidelineProfile profile, WorkUp workUp) {
        Chart chart = facts.chart();
        boolean uterine = chart.hasProblem(ProblemKind.MULLERIAN_ANOMALY)
                || chart.hasProblem(ProblemKind.SUBMUCOUS_FIBROID)
                || chart.hasProblem(ProblemKind.INTRAUTERINE_ADHESIONS);
        boolean diabetesUncontrolled = chart.hasActiveProblem(ProblemKind.DIABETES)
                && chart.latestValue(Analyte.HBA1C)
                        .flatMap(LabResult::value)
                        .filter(v -> v.compareTo(profile.thresholds().hba1cTarget()) > 0)
                        .isPresent();
        return workUp.apsConfirmed()
                || ThyroidFunction.of(facts, profile).dysfunction()
                || uterine
                || chart.hasProblem(ProblemKind.BALANCED_TRANSLOCATION)
                || diabetesUncontrolled
                || chart.hasProblem(ProblemKind.CERVICAL_INSUFFICIENCY);
    }

    /** A cerclage placed in this pregnancy, or one recorded in situ. */
    static boolean cerclageThisPregnancy(PatientFacts facts) {
        var start = facts.pregnancy().start(facts.evaluationDate());
        boolean placed = facts.chart().procedures(ProcedureKind.CERCLAGE).stream()
                .anyMatch(p -> start.isEmpty()
                        || p.date().filter(d -> !d.isBefore(start.get())).isPresent());
        return placed || facts.chart().hasActiveProblem(ProblemKind.CERCLAGE_IN_SITU);
    }

    static List<String> references(List<LabResult> results) {
        return results.stream().map(r -> r.evidence().reference()).toList();
    }
}
