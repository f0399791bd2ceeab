package org.rplcds.rules;

import java.math.BigDecimal;
import java.util.List;
import org.rplcds.facts.Analyte;
import org.rplcds.facts.Chart;
import org.rplcds.facts.Drug;
import org.rplcds.facts.Evidence;
import org.rplcds.facts.LabResult;
import org.rplcds.facts.ProblemKind;

/**
 * RPL-15 Prolactin.
 *
 * <p><b>Guideline:</b> the source text names hyperprolactinaemia as a cause of loss; ESHRE 2022
 * checks prolactin only with symptoms of hyperprolactinaemia, not as a screen (paraphrased).
 *
 * <p><b>When</b> she has lost a pregnancy and hyperprolactinaemia (or a prolactinoma) is diagnosed
 * or the latest prolactin is above the limit; or RPL is identified with oligo- or amenorrhoea and no
 * prolactin on record. <b>Then</b> an info card to check prolactin and treat if raised. <b>Not
 * when</b> a dopamine agonist is active.
 *
 * <p><b>Source:</b> source text; ESHRE 2022 (symptom-driven).
 */
final class Rpl15Prolactin extends Rule {

    Rpl15Prolactin() {
        super("RPL-15", "Prolactin", Citation.SOURCE_TEXT, Citation.ESHRE_2022);
    }

    @Override
    boolean inclusion(Assessment assessment) {
        var chart = assessment.facts().chart();
        boolean lossAndProlactin = assessment.facts().history().lossCount() >= 1
                && (!diagnoses(chart).isEmpty() || raised(assessment));
        return lossAndProlactin || rplAndCycle(assessment);
    }

    @Override
    boolean exclusion(Assessment assessment) {
        return assessment.facts().chart().onTherapy(Drug.DOPAMINE_AGONIST);
    }

    private static List<Evidence> diagnoses(Chart chart) {
        return chart.problemEvidence(ProblemKind.HYPERPROLACTINAEMIA);
    }

    private static List<Evidence> cycle(Chart chart) {
        return chart.problemEvidence(ProblemKind.OLIGO_AMENORRHOEA);
    }

    private static boolean raised(Assessment assessment) {
        BigDecimal upper = assessment.profile().thresholds().prolactin().upper();
        return assessment
                .facts()
                .chart()
                .latestValue(Analyte.PROLACTIN)
                .filter(r -> r.value().orElseThrow().compareTo(r.high().orElse(upper)) > 0)
                .isPresent();
    }

    private static boolean rplAndCycle(Assessment assessment) {
        var chart = assessment.facts().chart();
        return assessment.rpl() && !cycle(chart).isEmpty() && !chart.resulted(Analyte.PROLACTIN);
    }

    @Override
    Finding card(Assessment assessment) {
        var chart = assessment.facts().chart();
        var latest = chart.latestValue(Analyte.PROLACTIN);
        List<LabResult> results = latest.map(List::of).orElse(List.of());
        List<ProposedAction> actions = chart.ordered(Analyte.PROLACTIN) || (latest.isPresent() && !raised(assessment))
                ? List.of()
                : List.of(ProposedAction.order("Order prolactin", SuggestedCodes.PROLACTIN));
        return finding(
                assessment,
                Indicator.INFO,
                "Hyperprolactinaemia / cycle disorder with pregnancy loss. Check prolactin and treat if raised.",
                new Detail()
                        .evidence("Diagnoses", diagnoses(chart))
                        .evidence("Cycle disorder", rplAndCycle(assessment) ? cycle(chart) : List.of())
                        .results("Prolactin", results)
                        .text(
                                "Prolactin is checked for symptoms of hyperprolactinaemia, not as a screen; raised prolactin"
                                        + " is treated with a dopamine agonist before conception."),
                actions);
    }
}
