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
 * pregnancy. Below 7.0 g/dL anaemia is severe: same-day review, transfusion when symptomatic or
 * bleeding, intravenous iron once iron deficiency is confirmed, from the second trimester (BSH 2020
 * guideline on iron deficiency in pregnancy, to be checked).
 *
 * <p><b>When</b> she is pregnant or has RPL and the latest haemoglobin of the last 30 days is below
 * the limit (pregnant: 11.0 g/dL in the first and third trimesters, 10.5 in the second; otherwise
 * 12.0). <b>Then</b> a warning to check ferritin, start iron and look for the cause; below 7.0 g/dL,
 * whatever the iron therapy, a critical card: same-day review, blood count, reticulocytes,
 * ferritin, vitamin B12, folate and a haemoglobinopathy screen, intravenous iron once ferritin
 * confirms iron deficiency (optional before 14+0 weeks) and red-cell transfusion if symptomatic or
 * bleeding; never oral iron. <b>Not when</b> iron is active and haemoglobin is 9 g/dL or more.
 *
 * <p><b>Source:</b> source text; CDC/WHO; BSH 2020.
 */
final class Rpl18Anaemia extends Rule {

    private static final BigDecimal ON_IRON_ENOUGH = new BigDecimal("9.0");
    /** BSH 2020: intravenous iron is not given in the first trimester. */
    private static final int IV_IRON_FROM_DAYS = 14 * 7;

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
        if (value.compareTo(assessment.profile().thresholds().anaemia().hbSevere()) < 0) {
            return severe(assessment, hb);
        }
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
        return finding(
                assessment,
                Indicator.WARNING,
                "Hb " + Quantities.value(hb, assessment.presentation().units()) + " below "
                        + Quantities.threshold(
                                Analyte.HAEMOGLOBIN,
                                limit.value(),
                                assessment.presentation().units())
                        + " for "
                        + limit.group() + ". Check ferritin and start iron; assess cause.",
                new Detail().results("Haemoglobin", List.of(hb)).text(ironText(assessment, onIron)),
                actions);
    }

    /**
     * Severe anaemia, whatever the iron therapy: a same-day review and the work-up of its cause; oral
     * iron is too slow, so it is never offered here.
     */
    private Finding severe(Assessment assessment, LabResult hb) {
        boolean pregnant = assessment.pregnant();
        // Before 14+0 weeks intravenous iron is offered, not recommended (BSH 2020).
        boolean ivIronNow = !pregnant || assessment.gestationDays() >= IV_IRON_FROM_DAYS;
        String ivIron = "Intravenous iron once ferritin confirms iron deficiency";
        ProposedAction intravenousIron = ProposedAction.prescription(
                ivIronNow ? ivIron : "Optional: " + ivIron,
                SuggestedCodes.INTRAVENOUS_IRON,
                "Once ferritin confirms iron deficiency",
                Optional.empty());
        List<ProposedAction> actions = new ArrayList<>(List.of(
                ProposedAction.order("Same-day obstetric or medical review", SuggestedCodes.SAME_DAY_REVIEW),
                ProposedAction.order("Order full blood count", SuggestedCodes.FULL_BLOOD_COUNT),
                ProposedAction.order("Order reticulocyte count", SuggestedCodes.RETICULOCYTES),
                ProposedAction.order("Order ferritin", SuggestedCodes.FERRITIN),
                ProposedAction.order("Order vitamin B12", SuggestedCodes.VITAMIN_B12),
                ProposedAction.order("Order folate", SuggestedCodes.FOLATE),
                ProposedAction.order("Order haemoglobinopathy screen", SuggestedCodes.HAEMOGLOBINOPATHY_SCREEN)));
        if (ivIronNow) {
            actions.add(intravenousIron);
        }
        actions.add(ProposedAction.order(
                "Red-cell transfusion if symptomatic or bleeding", SuggestedCodes.RED_CELL_TRANSFUSION));
        if (!ivIronNow) {
            // An optional suggestion follows every recommended one.
            actions.add(intravenousIron.notRecommended());
        }
        String shown = Quantities.value(hb, assessment.presentation().units());
        String summary = pregnant
                ? "Hb " + shown + " at " + assessment.facts().pregnancy().gestation()
                        + ": severe anaemia. Same-day review; consider transfusion, or IV iron from the second"
                        + " trimester."
                : "Hb " + shown + ": severe anaemia. Same-day review; consider transfusion or IV iron.";
        boolean onIron = assessment.facts().chart().onTherapy(Drug.IRON);
        return finding(
                assessment,
                Indicator.CRITICAL,
                summary,
                new Detail()
                        .results("Haemoglobin", List.of(hb))
                        .text(ironText(assessment, onIron))
                        .text("Severe anaemia below "
                                + Quantities.threshold(
                                        Analyte.HAEMOGLOBIN,
                                        assessment
                                                .profile()
                                                .thresholds()
                                                .anaemia()
                                                .hbSevere(),
                                        assessment.presentation().units())
                                + ": look for bleeding, iron, B12 or folate deficiency and a haemoglobinopathy."
                                + " Oral iron is too slow at this level. Intravenous iron is given once ferritin"
                                + " confirms iron deficiency, not in the first trimester (BSH 2020)."),
                actions);
    }

    private static String ironText(Assessment assessment, boolean onIron) {
        return onIron
                ? "Iron is prescribed, and haemoglobin is still below "
                        + Quantities.threshold(
                                Analyte.HAEMOGLOBIN,
                                ON_IRON_ENOUGH,
                                assessment.presentation().units())
                        + "."
                : "No iron is prescribed.";
    }
}
