package org.rplcds.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.rplcds.facts.Analyte;
import org.rplcds.facts.PatientFacts;

/**
 * RPL-05: antiphospholipid antibody screening.
 *
 * <p>When RPL is identified, or a second-trimester loss or a fetal loss at 10 weeks or later is on
 * record (Sydney clinical criterion), and lupus anticoagulant and anticardiolipin IgG and IgM have
 * not been tested. Then an info card suggests the missing tests (with anti-beta2-glycoprotein I).
 *
 * <p>Not when the tests are ordered, or APS is already confirmed.
 *
 * <p>Source: ESHRE 2022; RCOG 2023; ASRM 2012; Sydney criteria.
 */
public final class Rpl05AntiphospholipidScreening implements Recommendation {

    public static final String ID = "RPL-05";
    static final Citation SOURCE = new Citation(
            "ESHRE 2022; RCOG Green-top Guideline No. 17 (2023); ASRM 2012; Sydney criteria (2006)",
            Citation.ESHRE_2022.url());

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Optional<Finding> evaluate(Assessment assessment) {
        PatientFacts facts = assessment.facts();
        GuidelineProfile profile = assessment.profile();
        var history = facts.history();
        boolean indicated = assessment.rpl() || history.secondTrimesterLoss() || history.fetalLoss10w();
        if (!indicated
                || assessment.aplTested().holds()
                || assessment.apsConfirmed().holds()) {
            return Optional.empty();
        }
        var chart = facts.chart();
        boolean aclDone = (chart.resulted(Analyte.ANTICARDIOLIPIN_IGG) && chart.resulted(Analyte.ANTICARDIOLIPIN_IGM))
                || chart.resulted(Analyte.ANTICARDIOLIPIN_PANEL);
        boolean laPlanned = chart.resulted(Analyte.LUPUS_ANTICOAGULANT) || chart.ordered(Analyte.LUPUS_ANTICOAGULANT);
        // Each isotype resulted or ordered: IgG resulted with IgM pending is in hand.
        boolean aclPlanned = aclDone
                || chart.ordered(Analyte.ANTICARDIOLIPIN_PANEL)
                || ((chart.resulted(Analyte.ANTICARDIOLIPIN_IGG) || chart.ordered(Analyte.ANTICARDIOLIPIN_IGG))
                        && (chart.resulted(Analyte.ANTICARDIOLIPIN_IGM) || chart.ordered(Analyte.ANTICARDIOLIPIN_IGM)));
        if (laPlanned && aclPlanned) {
            return Optional.empty();
        }
        List<ProposedAction> actions = new ArrayList<>();
        if (!laPlanned) {
            actions.add(ProposedAction.order("Order lupus anticoagulant", SuggestedCodes.LUPUS_ANTICOAGULANT));
        }
        if (!aclPlanned) {
            actions.add(ProposedAction.order("Order anticardiolipin IgG and IgM", SuggestedCodes.ANTICARDIOLIPIN));
        }
        if (!chart.resulted(Analyte.BETA2_GLYCOPROTEIN) && !chart.ordered(Analyte.BETA2_GLYCOPROTEIN)) {
            actions.add(ProposedAction.order(
                    "Order anti-beta2-glycoprotein I IgG and IgM", SuggestedCodes.BETA2_GLYCOPROTEIN));
        }
        String why = assessment.rpl()
                ? "recurrent pregnancy loss"
                : history.secondTrimesterLoss() ? "a second-trimester loss" : "a fetal loss at 10 weeks or later";
        String detail = new Detail()
                .text("**Indication:** " + why
                        + ". Lupus anticoagulant and anticardiolipin IgG and IgM are not all on record.")
                .text("Positive tests need repeating at least 12 weeks later to confirm antiphospholipid syndrome.")
                .sources("ESHRE 2022; RCOG Green-top Guideline No. 17 (2023); ASRM 2012; Sydney criteria (2006)");
        return Optional.of(new Finding(
                ID,
                "Antiphospholipid screening",
                Indicator.INFO,
                "Pregnancy loss history without antiphospholipid testing. Order lupus anticoagulant, anticardiolipin and anti-β2GPI.",
                detail,
                SOURCE,
                actions));
    }
}
