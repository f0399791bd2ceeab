package org.rplcds.rules;

import java.util.ArrayList;
import java.util.List;
import org.rplcds.facts.Analyte;
import org.rplcds.facts.LossKind;
import org.rplcds.facts.PregnancyEvent;
import org.rplcds.rules.derived.WorkUp;

/**
 * RPL-05 Antiphospholipid antibody screening.
 *
 * <p><b>Guideline:</b> ESHRE 2022 and ASRM 2012 test lupus anticoagulant and anticardiolipin (IgG,
 * IgM), anti-β2-glycoprotein I to be considered; RCOG screens for antiphospholipid antibodies in
 * RPL and after any second-trimester loss; the Sydney criteria count a fetal loss at 10 weeks or
 * later (paraphrased).
 *
 * <p><b>When</b> RPL is identified, or a second-trimester loss or a fetal loss at 10 weeks or later
 * is on record, and lupus anticoagulant and anticardiolipin IgG and IgM have not been tested.
 * <b>Then</b> an info card suggests the missing tests, with anti-β2-glycoprotein I: recommended
 * where the profile makes it part of the screen ({@code apl.beta2gpi: RECOMMENDED}, ASRM 2012),
 * else offered last as optional, never as a test still to do (ESHRE 2022: "can be considered").
 * <b>Not when</b>
 * the tests are resulted or ordered, or APS is already confirmed.
 *
 * <p><b>Source:</b> ESHRE 2022; RCOG 2023; ASRM 2012; Sydney criteria.
 */
final class Rpl05AntiphospholipidScreening extends Rule implements WorkUpPart {

    Rpl05AntiphospholipidScreening() {
        super(
                "RPL-05",
                "Antiphospholipid screening",
                Citation.ESHRE_2022,
                Citation.RCOG_2023,
                Citation.ASRM_2012,
                Citation.SYDNEY_2006);
    }

    @Override
    boolean inclusion(Assessment assessment) {
        var history = assessment.facts().history();
        return assessment.rpl() || history.secondTrimesterLoss() || history.fetalLoss10w();
    }

    @Override
    public WorkUpItem item(WorkUp workUp) {
        return workUp.antiphospholipid();
    }

    /** Tested, resulted or ordered, or APS already confirmed: as its work-up item says. */
    @Override
    boolean exclusion(Assessment assessment) {
        return !item(assessment.derived().workUp()).offered();
    }

    /**
     * The losses that fired the rule: those counted for RPL, or the second-trimester and
     * late losses that indicate testing without it.
     */
    private static List<PregnancyEvent> indication(Assessment assessment) {
        var history = assessment.facts().history();
        if (assessment.rpl()) {
            return history.losses();
        }
        return history.events().stream()
                .filter(e -> e.kind() == LossKind.FETAL_DEATH
                        || (e.kind() == LossKind.SPONTANEOUS
                                && (e.secondTrimester()
                                        || e.gestationalWeeks()
                                                .filter(w -> w >= 10)
                                                .isPresent())))
                .toList();
    }

    @Override
    Finding card(Assessment assessment) {
        var chart = assessment.facts().chart();
        var history = assessment.facts().history();
        WorkUp workUp = assessment.derived().workUp();
        List<ProposedAction> actions = new ArrayList<>();
        if (!workUp.lupusAnticoagulantPlanned()) {
            actions.add(ProposedAction.order("Order lupus anticoagulant", SuggestedCodes.LUPUS_ANTICOAGULANT));
        }
        if (!workUp.anticardiolipinPlanned()) {
            actions.add(ProposedAction.order("Order anticardiolipin IgG and IgM", SuggestedCodes.ANTICARDIOLIPIN));
        }
        boolean optional = optional(assessment);
        if (!chart.resulted(Analyte.BETA2_GLYCOPROTEIN) && !chart.ordered(Analyte.BETA2_GLYCOPROTEIN)) {
            actions.add(
                    optional
                            ? ProposedAction.order(
                                            "Optional: anti-β2GPI IgG and IgM", SuggestedCodes.BETA2_GLYCOPROTEIN)
                                    .notRecommended()
                            : ProposedAction.order(
                                    "Order anti-beta2-glycoprotein I IgG and IgM", SuggestedCodes.BETA2_GLYCOPROTEIN));
        }
        String why = assessment.rpl()
                ? "recurrent pregnancy loss"
                : history.secondTrimesterLoss() ? "a second-trimester loss" : "a fetal loss at 10 weeks or later";
        Detail detail = new Detail()
                .lead(
                        "Indication:",
                        why + ". Lupus anticoagulant and anticardiolipin IgG and IgM are not all on record.")
                .events("Losses that indicate it", indication(assessment))
                .evidence("Recurrent pregnancy loss diagnosed", history.rplAssertions())
                .text("Positive tests need repeating at least 12 weeks later to confirm antiphospholipid syndrome.");
        return finding(
                assessment,
                Indicator.INFO,
                optional
                        ? "Pregnancy loss history without antiphospholipid testing. Order lupus anticoagulant and"
                                + " anticardiolipin; anti-β2GPI optional."
                        : "Pregnancy loss history without antiphospholipid testing. Order lupus anticoagulant,"
                                + " anticardiolipin and anti-β2GPI.",
                detail,
                actions);
    }

    /** Anti-β2-glycoprotein I is offered, not recommended, under the profile. */
    static boolean optional(Assessment assessment) {
        return assessment.profile().apl().beta2gpi() == GuidelineProfile.AplTests.Beta2Gpi.OPTIONAL;
    }
}
