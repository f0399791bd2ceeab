package org.rplcds.rules;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.rplcds.facts.Analyte;
import org.rplcds.facts.Drug;
import org.rplcds.facts.LabResult;
import org.rplcds.facts.PatientFacts;

/**
 * RPL-18 Anaemia.
 *
 * <p><b>Guideline:</b> WHO haemoglobin thresholds for anaemia: 12.0 g/dL outside pregnancy, 11.0 in
 * pregnancy (10.5 in the second trimester, as CDC); the source text treats anaemia before and in
 * pregnancy (clinical rules 2.10, to be checked).
 *
 * <p><b>When</b> she is pregnant or has RPL and the latest haemoglobin of the last 30 days is below
 * the limit (pregnant: 11.0 g/dL in the first and third trimesters, 10.5 in the second; otherwise
 * 12.0). <b>Then</b> a warning (critical below 7.0 g/dL) to check ferritin, start iron and look for
 * the cause. <b>Not when</b> iron is active and haemoglobin is 9 g/dL or more.
 *
 * <p><b>Source:</b> source text; CDC/WHO.
 */
final class Rpl18Anaemia extends Rule {

    private static final BigDecimal ON_IRON_ENOUGH = new BigDecimal("9.0");

    Rpl18Anaemia() {
        super("RPL-18", "Anaemia", Citation.SOURCE_TEXT, Citation.WHO_ANAEMIA);
    }

    /** The haemoglobin limit that applies, and the group it is for. */
    private record Limit(BigDecimal value, String group) {}

    @Override
    boolean inclusion(Assessment assessment) {
        return (assessment.pregnant() || assessment.rpl())
                && haemoglobin(assessment)
                        .filter(hb -> hb.value()
                                        .orElseThrow()
                                        .compareTo(limit(assessment).value())
                                < 0)
                        .isPresent();
    }

    @Override
    boolean exclusion(Assessment assessment) {
        BigDecimal value = haemoglobin(assessment).orElseThrow().value().orElseThrow();
        return assessment.facts().chart().onTherapy(Drug.IRON) && value.compareTo(ON_IRON_ENOUGH) >= 0;
    }

    private static Optional<LabResult> haemoglobin(Assessment assessment) {
        PatientFacts facts = assessment.facts();
        var since = facts.evaluationDate()
                .minusDays(assessment.profile().thresholds().anaemia().hbMaxAgeDays());
        return facts.chart().latestValue(Analyte.HAEMOGLOBIN).filter(r -> !r.date()
                .isBefore(since));
    }

    private static Limit limit(Assessment assessment) {
        Thresholds.Anaemia limits = assessment.profile().thresholds().anaemia();
        Optional<Integer> trimester = assessment.facts().pregnancy().trimester();
        if (!assessment.pregnant()) {
            return new Limit(limits.hbNonPregnant(), "non-pregnant women");
        }
        if (trimester.filter(t -> t == 2).isPresent()) {
            return new Limit(limits.hbSecondTrimester(), "the second trimester");
        }
        return new Limit(
                limits.hbFirstThirdTrimester(),
                trimester
                        .map(t -> t == 1 ? "the first trimester" : "the third trimester")
                        .orElse("pregnancy"));
    }

    @Override
    Finding card(Assessment assessment) {
        LabResult hb = haemoglobin(assessment).orElseThrow();
        BigDecimal value = hb.value().orElseThrow();
        Limit limit = limit(assessment);
        boolean onIron = assessment.facts().chart().onTherapy(Drug.IRON);
        List<ProposedAction> actions = new ArrayList<>();
        actions.add(ProposedAction.order("Order ferritin", SuggestedCodes.FERRITIN));
        if (!onIron) {
            actions.add(ProposedAction.prescription(
                    "Prescribe oral iron",
                    SuggestedCodes.FERROUS_SULFATE,
                    "Ferrous sulfate 325 mg orally once daily",
                    Optional.empty()));
        }
        Indicator indicator =
                value.compareTo(assessment.profile().thresholds().anaemia().hbSevere()) < 0
                        ? Indicator.CRITICAL
                        : Indicator.WARNING;
        return finding(
                assessment,
                indicator,
                "Hb " + Quantities.value(hb, assessment.presentation().units()) + " below "
                        + Quantities.threshold(
                                Analyte.HAEMOGLOBIN,
                                limit.value(),
                                assessment.presentation().units())
                        + " for "
                        + limit.group() + ". Check ferritin and start iron; assess cause.",
                new Detail()
                        .results("Haemoglobin", List.of(hb))
                        .text(
                                onIron
                                        ? "Iron is prescribed, and haemoglobin is still below "
                                                + Quantities.threshold(
                                                        Analyte.HAEMOGLOBIN,
                                                        ON_IRON_ENOUGH,
                                                        assessment
                                                                .presentation()
                                                                .units())
                                                + "."
                                        : "No iron is prescribed."),
                actions);
    }
}
