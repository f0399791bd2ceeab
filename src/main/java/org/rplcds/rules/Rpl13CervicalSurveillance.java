package org.rplcds.rules;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.rplcds.facts.Analyte;
import org.rplcds.facts.Evidence;
import org.rplcds.facts.LabResult;
import org.rplcds.facts.PatientFacts;
import org.rplcds.rules.derived.Cerclage;

/**
 * RPL-13 Cervical length surveillance.
 *
 * <p><b>Guideline:</b> ultrasound-indicated cerclage after a previous spontaneous preterm birth
 * before 34 weeks when the cervical length is "&lt; 25 mm before 24 weeks" (Berghella 2011
 * meta-analysis; ACOG Practice Bulletin 142; clinical rules 1.3).
 *
 * <p><b>When</b> she is pregnant at 16+0 to 23+6 weeks, with a second-trimester loss or cervical
 * insufficiency on record and no cerclage. <b>Then</b> A: a warning when the latest cervical length
 * of this pregnancy is below 25 mm, however old, to discuss an ultrasound-indicated cerclage; B: an
 * info card when no cervical length was measured in the last 14 days. <b>Not when</b> RPL-12
 * applies, a cerclage is in place or ordered, or (B) a cervical length is measured or ordered in
 * the last 14 days.
 *
 * <p><b>Source:</b> ACOG Practice Bulletin 142; Berghella 2011.
 */
final class Rpl13CervicalSurveillance extends Rule {

    static final int FROM = 16 * 7;
    static final int UNTIL = 24 * 7;

    Rpl13CervicalSurveillance() {
        super("RPL-13", "Cervical surveillance", Citation.ACOG_PB142, Citation.BERGHELLA_2011);
    }

    @Override
    boolean inclusion(Assessment assessment) {
        int days = assessment.gestationDays();
        return assessment.pregnant()
                && days >= FROM
                && days < UNTIL
                && !history(assessment).isEmpty();
    }

    @Override
    boolean exclusion(Assessment assessment) {
        PatientFacts facts = assessment.facts();
        Cerclage cerclage = assessment.derived().cerclage();
        // RPL-12's history-indicated cerclage is due: its card speaks instead.
        if (cerclage.historyIndicatedDue() || cerclage.inPlace() || cerclage.ordered()) {
            return true;
        }
        if (shortCervix(assessment).isPresent()) {
            return false;
        }
        var since = measuredSince(assessment);
        // A measurement or a report of one counts as done (clinical rules §8 R3); only a value can be short.
        boolean measuredRecently = facts.chart().results(Analyte.CERVICAL_LENGTH).stream()
                .anyMatch(r -> !r.date().isBefore(since) && !r.date().isBefore(pregnancyStart(assessment)));
        return measuredRecently || facts.chart().orderedSince(Analyte.CERVICAL_LENGTH, since);
    }

    private static List<Evidence> history(Assessment assessment) {
        PatientFacts facts = assessment.facts();
        List<Evidence> history = new ArrayList<>(assessment.derived().cerclage().cervicalHistory());
        facts.history().losses().stream().filter(l -> l.secondTrimester()).forEach(l -> history.addAll(l.evidence()));
        return history;
    }

    private static LocalDate measuredSince(Assessment assessment) {
        return assessment
                .facts()
                .evaluationDate()
                .minusDays(assessment.profile().thresholds().cervix().lengthMaxAgeDays());
    }

    private static LocalDate pregnancyStart(Assessment assessment) {
        PatientFacts facts = assessment.facts();
        // The gestational age is known here, so this pregnancy's start is too.
        return facts.pregnancy().start(facts.evaluationDate()).orElse(measuredSince(assessment));
    }

    private static Optional<LabResult> latestThisPregnancy(Assessment assessment) {
        var start = pregnancyStart(assessment);
        return assessment.facts().chart().latestValue(Analyte.CERVICAL_LENGTH).filter(r -> !r.date()
                .isBefore(start));
    }

    private static Optional<LabResult> shortCervix(Assessment assessment) {
        Thresholds.Cervix limits = assessment.profile().thresholds().cervix();
        return latestThisPregnancy(assessment)
                .filter(r -> r.value().orElseThrow().compareTo(limits.shortMm()) < 0);
    }

    @Override
    Finding card(Assessment assessment) {
        PatientFacts facts = assessment.facts();
        Thresholds.Cervix limits = assessment.profile().thresholds().cervix();
        Detail detail = new Detail().evidence("History", history(assessment));
        var shortCervix = shortCervix(assessment);
        if (shortCervix.isPresent()) {
            LabResult length = shortCervix.get();
            return finding(
                    assessment,
                    Indicator.WARNING,
                    "Cervical length "
                            + Quantities.value(length, assessment.presentation().units()) + " (<"
                            + limits.shortMm() + " mm) at "
                            + facts.pregnancy().gestation() + ". Discuss ultrasound-indicated cerclage.",
                    detail.results("Cervical length", List.of(length))
                            .text(
                                    "A cervical length under 25 mm before 24 weeks after a previous preterm loss: cerclage"
                                            + " reduces preterm birth (Berghella 2011)."),
                    List.of(ProposedAction.order(
                            "Request cervical cerclage", SuggestedCodes.CERCLAGE, "Ultrasound-indicated cerclage")));
        }
        return finding(
                assessment,
                Indicator.INFO,
                "Prior mid-trimester loss: serial transvaginal cervical length (16–24 wk) is due.",
                detail.text("No cervical length in the last " + limits.lengthMaxAgeDays() + " days; gestation "
                        + facts.pregnancy().gestation() + "."),
                List.of(ProposedAction.order(
                        "Order transvaginal cervical length",
                        SuggestedCodes.CERVICAL_LENGTH,
                        "Transvaginal ultrasound cervical length, every 1-2 weeks to 24 weeks")));
    }
}
