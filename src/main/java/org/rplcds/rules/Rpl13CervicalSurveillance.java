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
 * <p><b>Guideline:</b> NICE NG25 (1.2.5-1.2.9): after a mid-trimester loss, offer either vaginal
 * progesterone or cerclage when a transvaginal scan between 16+0 and 24+0 weeks shows a cervical
 * length of 25 mm or less; progesterone until 34 weeks. ACOG Practice Bulletin 142 and Berghella
 * 2011 put the limit at less than 25 mm. The profile says which limit applies ({@code
 * cervix.short-length-mm}, {@code cervix.short-inclusive}).
 *
 * <p><b>When</b> she is pregnant at 16+0 to 23+6 weeks, with a second-trimester loss or cervical
 * insufficiency on record and no cerclage. <b>Then</b> B: a warning when the latest cervical length
 * of this pregnancy is short, however old, offering vaginal progesterone 200 mg at night until 34+0
 * weeks or an ultrasound-indicated cerclage, one of the two (both recommended), after infection,
 * contractions, bleeding and ruptured membranes are excluded; A: an info card when no cervical
 * length was measured in the last 14 days. <b>Not when</b> RPL-12 applies, a cerclage is in place
 * or ordered, or (A) a cervical length is measured or ordered in the last 14 days.
 *
 * <p><b>Source:</b> NICE NG25; ACOG Practice Bulletin 142; Berghella 2011.
 */
final class Rpl13CervicalSurveillance extends Rule {

    static final int FROM = 16 * 7;
    static final int UNTIL = 24 * 7;
    /** NICE NG25: vaginal progesterone for a short cervix until 34 weeks. */
    static final int PROGESTERONE_UNTIL = 34 * 7;

    Rpl13CervicalSurveillance() {
        super("RPL-13", "Cervical surveillance", Citation.NICE_NG25, Citation.ACOG_PB142, Citation.BERGHELLA_2011);
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
        // A measurement or a report of one counts as done; only a value can be short.
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
                .filter(r -> limits.isShort(r.value().orElseThrow()));
    }

    @Override
    Finding card(Assessment assessment) {
        PatientFacts facts = assessment.facts();
        Thresholds.Cervix limits = assessment.profile().thresholds().cervix();
        Detail detail = new Detail().evidence("History", history(assessment));
        var shortCervix = shortCervix(assessment);
        if (shortCervix.isPresent()) {
            LabResult length = shortCervix.get();
            boolean loss = facts.history().losses().stream().anyMatch(l -> l.secondTrimester());
            var until = facts.evaluationDate().plusDays(PROGESTERONE_UNTIL - assessment.gestationDays());
            return finding(
                            assessment,
                            Indicator.WARNING,
                            "Cervical length "
                                    + Quantities.value(
                                            length, assessment.presentation().units()) + " at "
                                    + facts.pregnancy().gestation()
                                    + (loss ? " after a mid-trimester loss" : " with cervical insufficiency")
                                    + ". Offer vaginal progesterone or cerclage; exclude infection first.",
                            detail.results("Cervical length", List.of(length))
                                    .lead(
                                            "Exclude first: ",
                                            "infection, contractions, bleeding and ruptured membranes.")
                                    .text("A cervical length of " + limits.limit()
                                            + " between 16+0 and 24+0 weeks: offer"
                                            + " vaginal progesterone until 34+0 weeks (" + until + ") or an"
                                            + " ultrasound-indicated cerclage, one of the two (NICE NG25)."),
                            List.of(
                                    ProposedAction.prescription(
                                            "Prescribe vaginal progesterone",
                                            SuggestedCodes.PROGESTERONE,
                                            "200 mg vaginally at night until 34+0 weeks",
                                            Optional.of(until)),
                                    ProposedAction.order(
                                            "Request cervical cerclage",
                                            SuggestedCodes.CERCLAGE,
                                            "Ultrasound-indicated cerclage")))
                    .asAlternatives();
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
