package org.rplcds.rules;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rplcds.facts.Analyte;
import org.rplcds.facts.LabResult;

/**
 * RPL-06 Confirm antiphospholipid antibodies.
 *
 * <p><b>Guideline:</b> Sydney 2006 classification criteria: the same antiphospholipid antibody
 * present on two or more occasions at least 12 weeks apart (paraphrased).
 *
 * <p><b>When</b> an antiphospholipid test is positive and the same test has not been repeated at
 * least 12 weeks later. <b>Then</b> an info card asks for the repeat of each such test, its order
 * dated ({@code occurrencePeriod.start}) 12 weeks after that test's first positive. <b>Not
 * when</b> the repeat is ordered, or APS is already confirmed.
 *
 * <p><b>Source:</b> Sydney 2006 classification criteria.
 */
final class Rpl06AntiphospholipidConfirmation extends Rule {

    /** The repeat of each test, and the words its button says. */
    private static final Map<Concept, String> LABELS = Map.of(
            SuggestedCodes.LUPUS_ANTICOAGULANT, "Repeat lupus anticoagulant",
            SuggestedCodes.ANTICARDIOLIPIN, "Repeat anticardiolipin IgG and IgM",
            SuggestedCodes.BETA2_GLYCOPROTEIN, "Repeat anti-β2-glycoprotein I IgG and IgM");

    private static final Map<Analyte, Concept> REPEATS = Map.of(
            Analyte.LUPUS_ANTICOAGULANT, SuggestedCodes.LUPUS_ANTICOAGULANT,
            Analyte.ANTICARDIOLIPIN_IGG, SuggestedCodes.ANTICARDIOLIPIN,
            Analyte.ANTICARDIOLIPIN_IGM, SuggestedCodes.ANTICARDIOLIPIN,
            Analyte.ANTICARDIOLIPIN_PANEL, SuggestedCodes.ANTICARDIOLIPIN,
            Analyte.BETA2_GLYCOPROTEIN, SuggestedCodes.BETA2_GLYCOPROTEIN);

    Rpl06AntiphospholipidConfirmation() {
        super("RPL-06", "Antiphospholipid confirmation", Citation.SYDNEY_2006);
    }

    @Override
    boolean inclusion(Assessment assessment) {
        return !notRepeated(assessment).isEmpty();
    }

    @Override
    boolean exclusion(Assessment assessment) {
        return assessment.derived().apsConfirmed().holds()
                || unrepeated(assessment).isEmpty();
    }

    /** Positive results without the same test at least the repeat interval later. */
    private static List<LabResult> notRepeated(Assessment assessment) {
        var chart = assessment.facts().chart();
        int weeks = assessment.profile().thresholds().apl().repeatWeeks();
        return assessment.derived().positiveApl().stream()
                .filter(positive -> chart.results(positive.analyte()).stream()
                        .noneMatch(later -> ChronoUnit.DAYS.between(positive.date(), later.date()) >= weeks * 7L))
                .toList();
    }

    /** Of those, the ones whose repeat is not ordered yet. */
    private static List<LabResult> unrepeated(Assessment assessment) {
        var chart = assessment.facts().chart();
        return notRepeated(assessment).stream()
                .filter(positive ->
                        !chart.orderedSince(positive.analyte(), positive.date().plusDays(1)))
                .toList();
    }

    @Override
    Finding card(Assessment assessment) {
        int weeks = assessment.profile().thresholds().apl().repeatWeeks();
        List<LabResult> unrepeated = unrepeated(assessment);
        LabResult first =
                unrepeated.stream().min(Comparator.comparing(LabResult::date)).orElseThrow();
        // Each repeat is due 12 weeks after the first positive of that test.
        Map<Concept, LocalDate> firstPositive = new LinkedHashMap<>();
        unrepeated.stream()
                .sorted(Comparator.comparing(LabResult::date))
                .forEach(r -> firstPositive.putIfAbsent(REPEATS.get(r.analyte()), r.date()));
        List<ProposedAction> actions = firstPositive.entrySet().stream()
                .map(e -> {
                    LocalDate notBefore = e.getValue().plusWeeks(weeks);
                    return ProposedAction.order(
                                    LABELS.get(e.getKey()), e.getKey(), "Repeat test, not before " + notBefore)
                            .notBefore(notBefore);
                })
                .toList();
        LocalDate notBefore = first.date().plusWeeks(weeks);
        Detail detail = new Detail()
                .results("Positive antiphospholipid results without a repeat " + weeks + " weeks later", unrepeated)
                .text(
                        "Antiphospholipid syndrome needs the same antibody positive on two occasions at least 12 weeks apart."
                                + " Repeat on or after " + notBefore + ".");
        return finding(
                assessment,
                Indicator.INFO,
                "Positive antiphospholipid test on " + first.date()
                        + ". Repeat at least 12 weeks later to confirm APS.",
                detail,
                actions);
    }
}
