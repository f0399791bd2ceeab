package org.rplcds.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.rplcds.facts.DraftOrder;
import org.rplcds.facts.DraftOrders;
import org.rplcds.facts.Drug;

/**
 * RPL-23 Tests and treatments of low value in RPL, while the orders are written.
 *
 * <p><b>Guideline:</b> ESHRE 2022 and RCOG 2023 do not recommend HLA typing, NK-cell testing,
 * anti-sperm or anti-endometrial antibodies, inherited thrombophilia screening without other risk
 * factors, or immunotherapy; ALIFE2: no aspirin or heparin in unexplained RPL (clinical rules 1.2,
 * 1.3, paraphrased).
 *
 * <p><b>When</b> ({@code order-select}, {@code order-sign}; clinical rules §8.6 and its
 * clarification in §8.7) a draft order is for NK-cell testing, HLA typing, anti-sperm or
 * anti-endometrial antibodies, an inherited-thrombophilia panel (without a venous thromboembolism
 * history) or immunotherapy, or is aspirin or heparin in unexplained RPL without APS; it reads the
 * drafts, not the chart's orders ({@link Rpl23LowValueCare} speaks on those). <b>Then</b> {@code Not
 * recommended for recurrent pregnancy loss ({guideline}): {what}.} with a suggestion to withdraw each
 * draft, which also orders the antiphospholipid tests when an inherited-thrombophilia panel is
 * drafted and they were never done. <b>Not when</b> the aspirin or heparin has a documented
 * indication: aspirin from 12 weeks with a pre-eclampsia risk factor on record (chronic hypertension,
 * chronic kidney disease, diabetes, autoimmune disease), a venous thromboembolism history, or APS.
 *
 * <p><b>Source:</b> ESHRE 2022; RCOG 2023.
 */
final class Rpl23LowValueDrafts extends Rule implements OrderAdvice {

    /** The tests ESHRE 2022 and RCOG 2023 recommend in place of an inherited-thrombophilia panel. */
    static final Concept ANTIPHOSPHOLIPID_TESTS = SuggestedCodes.text(
            "Antiphospholipid antibodies: lupus anticoagulant, anticardiolipin IgG and IgM, anti-beta2-glycoprotein I");

    Rpl23LowValueDrafts() {
        super(LowValueCare.ID, LowValueCare.TITLE, LowValueCare.SOURCE);
    }

    /** Drafts of the kinds this advice judges, before the patient's record is read: the first thing it does. */
    @Override
    public List<DraftOrder> candidates(DraftOrders drafts) {
        List<DraftOrder> candidates = new ArrayList<>();
        for (DraftOrder draft : drafts.drafts()) {
            boolean test = draft.order().isPresent()
                    && (LowValueCare.immune(draft.order().get())
                            || LowValueCare.thrombophilia(draft.order().get()));
            boolean drug = draft.prescribes(Drug.IMMUNOTHERAPY)
                    || draft.prescribes(Drug.ASPIRIN)
                    || draft.prescribes(Drug.HEPARIN);
            if (test || drug) {
                candidates.add(draft);
            }
        }
        return candidates;
    }

    @Override
    boolean inclusion(Assessment assessment) {
        return !flagged(assessment).isEmpty();
    }

    /** The exceptions (a documented indication, a thrombosis history) are applied in {@link #flagged}. */
    @Override
    boolean exclusion(Assessment assessment) {
        return false;
    }

    /** The draft orders of low value for this patient, in bundle order. */
    private List<DraftOrder> flagged(Assessment assessment) {
        var chart = assessment.facts().chart();
        // A thrombosis, thrombotic APS, a known thrombophilia, long-term anticoagulation or a valve: never low value.
        boolean vte = assessment.derived().thrombosis().anticoagulationIndicated();
        boolean unexplainedWithoutAps = assessment.derived().unexplained()
                && !assessment.derived().apsConfirmed().holds();
        List<DraftOrder> flagged = new ArrayList<>();
        for (DraftOrder draft : candidates(assessment.drafts().orElse(DraftOrders.NONE))) {
            boolean lowValue = draft.order()
                            .filter(o -> LowValueCare.immune(o) || (!vte && LowValueCare.thrombophilia(o)))
                            .isPresent()
                    || draft.prescribes(Drug.IMMUNOTHERAPY)
                    || (unexplainedWithoutAps
                            && draft.prescribes(Drug.ASPIRIN)
                            && !LowValueCare.aspirinIndicated(assessment, vte))
                    || (unexplainedWithoutAps && draft.prescribes(Drug.HEPARIN) && !vte);
            if (lowValue) {
                flagged.add(draft);
            }
        }
        return flagged;
    }

    /** The card on the drafts being signed or selected (clinical rules §8.6). */
    @Override
    Finding card(Assessment assessment) {
        List<DraftOrder> flagged = flagged(assessment);
        String opening = "Not recommended for recurrent pregnancy loss (" + guideline(assessment.profile()) + "): ";
        String summary = opening
                + String.join(", ", flagged.stream().map(DraftOrder::text).toList()) + ".";
        if (summary.length() > Finding.MAX_SUMMARY) {
            // The drafts' own names are too long for one line: what they are, in clinician words.
            summary = opening
                    + String.join(
                            ", ",
                            flagged.stream()
                                    .map(Rpl23LowValueDrafts::kind)
                                    .distinct()
                                    .toList())
                    + ".";
        }
        List<ProposedAction> actions = new ArrayList<>();
        for (DraftOrder draft : flagged) {
            if (draft.reference().isEmpty()) {
                // A draft without an id cannot be named in action.resourceId.
                continue;
            }
            boolean thrombophilia =
                    draft.order().filter(LowValueCare::thrombophilia).isPresent()
                            && draft.order().filter(LowValueCare::immune).isEmpty();
            if (thrombophilia && !assessment.derived().aplTested().holds()) {
                actions.add(ProposedAction.replace(
                        "Withdraw this thrombophilia panel; order antiphospholipid antibodies instead",
                        draft.text(),
                        draft.reference(),
                        ANTIPHOSPHOLIPID_TESTS));
            } else {
                actions.add(
                        ProposedAction.remove("Withdraw the draft " + draft.text(), draft.text(), draft.reference()));
            }
        }
        return finding(
                assessment,
                Indicator.INFO,
                summary,
                new Detail()
                        .evidence(
                                "Draft orders",
                                flagged.stream().map(DraftOrder::evidence).toList())
                        .text(
                                "NK-cell and HLA testing, anti-sperm or anti-endometrial antibodies, inherited thrombophilia"
                                        + " screening without a thrombosis history, immunotherapy, and aspirin or heparin for unexplained RPL"
                                        + " without antiphospholipid syndrome do not improve live birth rates."),
                actions);
    }

    /** What a flagged draft is, in clinician words. */
    private static String kind(DraftOrder draft) {
        if (draft.order().isPresent()) {
            String text = " " + draft.order().get().text().toLowerCase(Locale.ROOT) + " ";
            if (text.contains("nk") || text.contains("natural killer") || text.contains("cd56")) {
                return "NK-cell testing";
            }
            if (text.contains("hla")) {
                return "HLA typing";
            }
            if (text.contains("sperm")) {
                return "anti-sperm antibodies";
            }
            if (text.contains("endometrial")) {
                return "anti-endometrial antibodies";
            }
            return "inherited thrombophilia testing";
        }
        if (draft.prescribes(Drug.IMMUNOTHERAPY)) {
            return "immunotherapy";
        }
        return draft.prescribes(Drug.ASPIRIN) ? "aspirin" : "heparin";
    }

    /** The guideline named in the order-time summary, as people say it. */
    private static String guideline(GuidelineProfile profile) {
        return profile.name().startsWith("RCOG") ? "RCOG 2023" : "ESHRE 2022";
    }
}
