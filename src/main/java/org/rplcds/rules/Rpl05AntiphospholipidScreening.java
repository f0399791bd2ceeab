package org.rplcds.rules;

import java.util.ArrayList;
import java.util.List;
import org.rplcds.facts.Analyte;
import org.rplcds.facts.Chart;

/**
 * RPL-05 Antiphospholipid antibody screening.
 *
 * <p><b>Guideline:</b> ESHRE 2022 and ASRM 2012 test lupus anticoagulant and anticardiolipin (IgG,
 * IgM), anti-β2-glycoprotein I to be considered; RCOG screens for antiphospholipid antibodies in
 * RPL and after any second-trimester loss; the Sydney criteria count a fetal loss at 10 weeks or
 * later (clinical rules 1.2, paraphrased).
 *
 * <p><b>When</b> RPL is identified, or a second-trimester loss or a fetal loss at 10 weeks or later
 * is on record, and lupus anticoagulant and anticardiolipin IgG and IgM have not been tested.
 * <b>Then</b> an info card suggests the missing tests, with anti-β2-glycoprotein I. <b>Not when</b>
 * the tests are resulted or ordered, or APS is already confirmed.
 *
 * <p><b>Source:</b> ESHRE 2022; RCOG 2023; ASRM 2012; Sydney criteria.
 */
final class Rpl05AntiphospholipidScreening extends Rule {

    Rpl05AntiphospholipidScreening() {
        super(
                "RPL-05",
                "Antiphospholipid screening",
                new Citation(
                        "ESHRE 2022; RCOG Green-top Guideline No. 17 (2023); ASRM 2012; Sydney criteria (2006)",
                        Citation.ESHRE_2022.url()));
    }

    @Override
    boolean inclusion(Assessment assessment) {
        var history = assessment.facts().history();
        boolean indicated = assessment.rpl() || history.secondTrimesterLoss() || history.fetalLoss10w();
        return indicated && !assessment.aplTested().holds();
    }

    @Override
    boolean exclusion(Assessment assessment) {
        var chart = assessment.facts().chart();
        return assessment.apsConfirmed().holds() || (laPlanned(chart) && aclPlanned(chart));
    }

    private static boolean laPlanned(Chart chart) {
        return chart.resulted(Analyte.LUPUS_ANTICOAGULANT) || chart.ordered(Analyte.LUPUS_ANTICOAGULANT);
    }

    /** Each isotype resulted or ordered: IgG resulted with IgM pending is in hand. */
    private static boolean aclPlanned(Chart chart) {
        return (chart.resulted(Analyte.ANTICARDIOLIPIN_IGG) && chart.resulted(Analyte.ANTICARDIOLIPIN_IGM))
                || chart.resulted(Analyte.ANTICARDIOLIPIN_PANEL)
                || chart.ordered(Analyte.ANTICARDIOLIPIN_PANEL)
                || ((chart.resulted(Analyte.ANTICARDIOLIPIN_IGG) || chart.ordered(Analyte.ANTICARDIOLIPIN_IGG))
                        && (chart.resulted(Analyte.ANTICARDIOLIPIN_IGM) || chart.ordered(Analyte.ANTICARDIOLIPIN_IGM)));
    }

    @Override
    Finding card(Assessment assessment) {
        var chart = assessment.facts().chart();
        var history = assessment.facts().history();
        List<ProposedAction> actions = new ArrayList<>();
        if (!laPlanned(chart)) {
            actions.add(ProposedAction.order("Order lupus anticoagulant", SuggestedCodes.LUPUS_ANTICOAGULANT));
        }
        if (!aclPlanned(chart)) {
            actions.add(ProposedAction.order("Order anticardiolipin IgG and IgM", SuggestedCodes.ANTICARDIOLIPIN));
        }
        if (!chart.resulted(Analyte.BETA2_GLYCOPROTEIN) && !chart.ordered(Analyte.BETA2_GLYCOPROTEIN)) {
            actions.add(ProposedAction.order(
                    "Order anti-beta2-glycoprotein I IgG and IgM", SuggestedCodes.BETA2_GLYCOPROTEIN));
        }
        String why = assessment.rpl()
                ? "recurrent pregnancy loss"
                : history.secondTrimesterLoss() ? "a second-trimester loss" : "a fetal loss at 10 weeks or later";
        Detail detail = new Detail()
                .lead(
                        "Indication:",
                        why + ". Lupus anticoagulant and anticardiolipin IgG and IgM are not all on record.")
                .text("Positive tests need repeating at least 12 weeks later to confirm antiphospholipid syndrome.");
        return finding(
                assessment,
                Indicator.INFO,
                "Pregnancy loss history without antiphospholipid testing. Order lupus anticoagulant, anticardiolipin and anti-β2GPI.",
                detail,
                actions);
    }
}
