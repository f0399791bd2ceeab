package org.rplcds.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.rplcds.facts.Analyte;
import org.rplcds.facts.Evidence;
import org.rplcds.facts.LabResult;
import org.rplcds.facts.PatientFacts;
import org.rplcds.facts.ProcedureKind;

/**
 * RPL-13: cervical length surveillance.
 *
 * <p>When the patient is pregnant at 16+0 to 23+6 weeks, with a second-trimester loss or cervical
 * insufficiency on record and no cerclage. Then A: an info card when no cervical length was
 * measured in the last 14 days; B: a warning when the latest of this pregnancy is below 25 mm,
 * however old, to discuss an ultrasound-indicated cerclage.
 *
 * <p>Not while RPL-12 applies, or from 24+0 weeks.
 *
 * <p>Source: ACOG Practice Bulletin 142; Berghella 2011.
 */
public final class Rpl13CervicalSurveillance implements Recommendation {

    public static final String ID = "RPL-13";
    static final Citation SOURCE =
            new Citation("ACOG Practice Bulletin No. 142; Berghella 2011", Citation.ACOG_PB142.url());
    static final int FROM = 16 * 7;
    static final int UNTIL = 24 * 7;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Optional<Finding> evaluate(Assessment assessment) {
        PatientFacts facts = assessment.facts();
        GuidelineProfile profile = assessment.profile();
        int days = assessment.gestationDays();
        if (!assessment.pregnant()
                || days < FROM
                || days >= UNTIL
                || Rpl12HistoryIndicatedCerclage.applies(assessment)) {
            return Optional.empty();
        }
        List<Evidence> history = new ArrayList<>(CervicalHistory.evidence(facts));
        facts.history().losses().stream().filter(l -> l.secondTrimester()).forEach(l -> history.addAll(l.evidence()));
        if (history.isEmpty()
                || assessment.cerclageThisPregnancy()
                || facts.chart().ordered(ProcedureKind.CERCLAGE)) {
            return Optional.empty();
        }
        Thresholds limits = profile.thresholds();
        var since = facts.evaluationDate().minusDays(limits.cervicalLengthMaxAgeDays());
        // The gestational age is known here, so this pregnancy's start is too.
        var start = facts.pregnancy().start(facts.evaluationDate()).orElse(since);
        var latest = facts.chart().latestValue(Analyte.CERVICAL_LENGTH).filter(r -> !r.date()
                .isBefore(start));
        Detail detail = new Detail().evidence("History", history);
        var shortCervix = latest.filter(r -> r.value().orElseThrow().compareTo(limits.shortCervixMm()) < 0);
        if (shortCervix.isPresent()) {
            LabResult length = shortCervix.get();
            return Optional.of(new Finding(
                    ID,
                    "Cervical surveillance",
                    Indicator.WARNING,
                    "Cervical length " + Rules.number(length.value().get()) + " mm (<" + limits.shortCervixMm()
                            + " mm) at " + facts.pregnancy().gestation() + ". Discuss ultrasound-indicated cerclage.",
                    detail.results("Cervical length", List.of(length))
                            .text(
                                    "A cervical length under 25 mm before 24 weeks after a previous preterm loss: cerclage"
                                            + " reduces preterm birth (Berghella 2011).")
                            .sources("ACOG Practice Bulletin No. 142; Berghella 2011"),
                    SOURCE,
                    List.of(ProposedAction.order(
                            "Request cervical cerclage", SuggestedCodes.CERCLAGE, "Ultrasound-indicated cerclage"))));
        }
        boolean measuredRecently = latest.filter(r -> !r.date().isBefore(since)).isPresent();
        if (measuredRecently || facts.chart().orderedSince(Analyte.CERVICAL_LENGTH, since)) {
            return Optional.empty();
        }
        return Optional.of(new Finding(
                ID,
                "Cervical surveillance",
                Indicator.INFO,
                "Prior mid-trimester loss: serial transvaginal cervical length (16–24 wk) is due.",
                detail.text("No cervical length in the last " + limits.cervicalLengthMaxAgeDays() + " days; gestation "
                                + facts.pregnancy().gestation() + ".")
                        .sources("ACOG Practice Bulletin No. 142; Berghella 2011"),
                SOURCE,
                List.of(ProposedAction.order(
                        "Order transvaginal cervical length",
                        SuggestedCodes.CERVICAL_LENGTH,
                        "Transvaginal ultrasound cervical length, every 1-2 weeks to 24 weeks"))));
    }
}
