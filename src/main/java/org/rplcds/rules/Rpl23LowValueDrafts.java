package org.rplcds.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.rplcds.facts.DraftOrder;
import org.rplcds.facts.DraftOrders;
import org.rplcds.facts.Drug;
import org.rplcds.facts.Medication;

/**
 * RPL-23 Tests and treatments of low value in RPL, while the orders are written.
 *
 * <p><b>Guideline:</b> ESHRE 2022 and RCOG 2023 do not recommend HLA typing, NK-cell testing,
 * anti-sperm or anti-endometrial antibodies, inherited thrombophilia screening without other risk
 * factors, immunotherapy, glucocorticoids, hCG or G-CSF for recurrent pregnancy loss; ALIFE2: no
 * aspirin or heparin in unexplained RPL.
 *
 * <p><b>When</b> ({@code order-select}, {@code order-sign}) a draft order is one of these tests or
 * treatments (aspirin or heparin in unexplained RPL without APS), for a woman with a pregnancy loss
 * on record or a draft giving one as its reason, and the draft has no indication of its own: the
 * same decision as on the chart ({@link LowValueCare#judged}); it reads the drafts, not the chart's
 * orders ({@link Rpl23LowValueCare} speaks on those). <b>Then</b> {@code Not recommended for
 * recurrent pregnancy loss ({guideline}): {what}.} with a suggestion to withdraw each draft, named
 * by its own words, which also orders the antiphospholipid tests when an inherited-thrombophilia test
 * is drafted and they were never done. <b>Not when</b> there is no loss on record or as its reason,
 * the draft has another indication (a reason that is no loss; a thrombosis for heparin, aspirin and
 * thrombophilia tests; a pre-eclampsia risk for aspirin from 12 weeks; a donor for HLA typing; an
 * immunodeficiency for IVIG; lupus for a glucocorticoid; fertility care for hCG; neutropenia for
 * G-CSF), or it is a single-allele HLA test, anti-D or another immune globulin.
 *
 * <p><b>Source:</b> ESHRE 2022; RCOG 2023.
 */
final class Rpl23LowValueDrafts extends Rule implements OrderAdvice {

    /** The tests ESHRE 2022 and RCOG 2023 recommend in place of an inherited-thrombophilia panel. */
    static final Concept ANTIPHOSPHOLIPID_TESTS = SuggestedCodes.text(
            "Antiphospholipid antibodies: lupus anticoagulant, anticardiolipin IgG and IgM, anti-beta2-glycoprotein I");

    /** A draft judged of low value: what it is. */
    record Flagged(DraftOrder draft, LowValueCare.Kind kind) {}

    Rpl23LowValueDrafts() {
        super(LowValueCare.ID, LowValueCare.TITLE, LowValueCare.SOURCE);
    }

    /** Drafts of the kinds this advice judges, before the patient's record is read: the first thing it does. */
    @Override
    public List<DraftOrder> candidates(DraftOrders drafts) {
        List<DraftOrder> candidates = new ArrayList<>();
        for (DraftOrder draft : drafts.drafts()) {
            boolean test = draft.order().flatMap(LowValueCare::kind).isPresent();
            boolean drug = draft.medications().stream().map(Medication::drug).anyMatch(LowValueCare::treatment);
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

    /** The exceptions (no loss, another indication) are applied in {@link #flagged}. */
    @Override
    boolean exclusion(Assessment assessment) {
        return false;
    }

    /** The draft orders of low value for this patient, in bundle order. */
    private List<Flagged> flagged(Assessment assessment) {
        boolean aspirinOrHeparin = assessment.derived().unexplained()
                && !assessment.derived().apsConfirmed().holds();
        List<Flagged> flagged = new ArrayList<>();
        for (DraftOrder draft : candidates(assessment.drafts().orElse(DraftOrders.NONE))) {
            Optional<LowValueCare.Kind> kind = draft.order().flatMap(order -> LowValueCare.kind(order)
                    .filter(k -> LowValueCare.judged(k, order.reasons(), assessment)));
            for (Medication medication : draft.medications()) {
                if (kind.isPresent()) {
                    break;
                }
                if ((medication.drug() == Drug.ASPIRIN || medication.drug() == Drug.HEPARIN) && !aspirinOrHeparin) {
                    continue;
                }
                kind = LowValueCare.kind(medication, assessment)
                        .filter(k -> LowValueCare.judged(k, medication.reasons(), assessment));
            }
            kind.ifPresent(k -> flagged.add(new Flagged(draft, k)));
        }
        return flagged;
    }

    /** The card on the drafts being signed or selected. */
    @Override
    Finding card(Assessment assessment) {
        List<Flagged> flagged = flagged(assessment);
        String opening =
                "Not recommended for recurrent pregnancy loss (" + LowValueCare.guideline(assessment.profile()) + "): ";
        String summary = opening
                + String.join(", ", flagged.stream().map(f -> f.draft().text()).toList()) + ".";
        if (summary.length() > Finding.MAX_SUMMARY) {
            // The drafts' own names are too long for one line: what they are, in clinician words.
            summary = opening
                    + String.join(
                            ", ",
                            flagged.stream()
                                    .map(f -> f.kind().words())
                                    .distinct()
                                    .toList())
                    + ".";
        }
        List<ProposedAction> actions = new ArrayList<>();
        for (Flagged f : flagged) {
            DraftOrder draft = f.draft();
            if (draft.reference().isEmpty()) {
                // A draft without an id cannot be named in action.resourceId.
                continue;
            }
            if (f.kind() == LowValueCare.Kind.THROMBOPHILIA_TEST
                    && !assessment.derived().aplTested().holds()) {
                actions.add(ProposedAction.replace(
                        "Withdraw " + LowValueCare.cut(draft.text()) + "; order antiphospholipid antibodies instead",
                        draft.text(),
                        draft.reference(),
                        ANTIPHOSPHOLIPID_TESTS));
            } else {
                actions.add(ProposedAction.remove(
                        "Withdraw the draft " + LowValueCare.cut(draft.text()), draft.text(), draft.reference()));
            }
        }
        return finding(
                assessment,
                Indicator.INFO,
                summary,
                new Detail()
                        .evidence(
                                "Draft orders",
                                flagged.stream().map(f -> f.draft().evidence()).toList())
                        .text(
                                "NK-cell and HLA testing, anti-sperm or anti-endometrial antibodies, inherited thrombophilia"
                                        + " screening without a thrombosis history, immunotherapy, glucocorticoids, hCG, G-CSF, and"
                                        + " aspirin or heparin for unexplained RPL without antiphospholipid syndrome do not improve"
                                        + " live birth rates."),
                actions);
    }
}
