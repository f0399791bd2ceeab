package org.rplcds.rules;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.rplcds.facts.ObstetricHistory;

/**
 * The RPL evaluation card: RPL-01 with RPL-02, 03, 05 and 08 on one card (clinical rules §8 R6).
 *
 * <p><b>Guideline:</b> the evaluation every profile asks for once recurrent pregnancy loss is
 * identified (karyotype, thyroid, antiphospholipid antibodies, uterine cavity), and the supportive
 * care ESHRE 2022 recommends for every couple (§8.4 RPL-26).
 *
 * <p><b>When</b> RPL-01 applies. <b>Then</b> one card: the count and the profile, what is still to do
 * in its summary; a checklist, one line per part, done (date, result, resource), ordered, waiting
 * (after this pregnancy, after individual risk assessment) or to do; a line offering
 * psychological support and a named early-pregnancy contact; one suggestion per missing test and
 * the problem-list entry. <b>Not when</b> RPL-01 stands back: RPL on the problem list and nothing to
 * do. With {@code cds.ui.aggregate-workup=false} the rules give their own cards instead.
 *
 * <p><b>Source:</b> the profile's definition, and the sources of each part that fired.
 */
final class RplEvaluation extends Rule {

    private final Rpl01RecurrentPregnancyLoss recognition;

    RplEvaluation(Rpl01RecurrentPregnancyLoss recognition) {
        super(recognition.id(), "Recurrent pregnancy loss: evaluation", Citation.ESHRE_2022);
        this.recognition = recognition;
    }

    @Override
    Citation source(Assessment assessment) {
        return recognition.source(assessment);
    }

    @Override
    boolean inclusion(Assessment assessment) {
        return recognition.inclusion(assessment);
    }

    @Override
    boolean exclusion(Assessment assessment) {
        return recognition.exclusion(assessment);
    }

    @Override
    Finding card(Assessment assessment) {
        var facts = assessment.facts();
        List<WorkUpItem> items = Rpl01RecurrentPregnancyLoss.items(assessment);
        List<Finding> parts = new ArrayList<>();
        for (WorkUpPart part : Rpl01RecurrentPregnancyLoss.WORK_UP) {
            part.evaluate(assessment).ifPresent(parts::add);
        }
        List<ProposedAction> problem = Rpl01RecurrentPregnancyLoss.actions(facts);
        List<ProposedAction> actions = new ArrayList<>(problem);
        parts.forEach(part -> actions.addAll(part.actions()));
        Indicator indicator = parts.stream()
                .map(Finding::indicator)
                .max(Comparator.naturalOrder())
                .orElse(Indicator.INFO);
        Detail detail = Rpl01RecurrentPregnancyLoss.detail(facts, assessment.profile(), assessment.rplOrderUnknown())
                .checklist("Evaluation", items)
                // Clinical rules 8.4 RPL-26: on the evaluation card, not a card of its own.
                .lead(
                        "Support:",
                        "offer psychological support and a named contact for early-pregnancy care in "
                                + (assessment.pregnant() ? "this" : "the next")
                                + " pregnancy (ESHRE 2022: supportive care).");
        Finding card = combined(assessment, indicator, summary(assessment, items), detail, actions, parts);
        // The uterine alternatives alone (RPL on the problem list, nothing else to do): one of them (§8.7 R6).
        boolean uterineOnly =
                problem.isEmpty() && parts.size() == 1 && parts.get(0).ruleId().equals("RPL-08");
        return uterineOnly ? card.asAlternatives() : card;
    }

    /**
     * {@code Recurrent pregnancy loss: 3 losses (ESHRE 2022). Still to do: karyotype, aPL tests.}, or
     * {@code ... Evaluation complete.}; the list gives way to a count when the summary would pass
     * 140 characters.
     */
    static String summary(Assessment assessment, List<WorkUpItem> items) {
        ObstetricHistory history = assessment.facts().history();
        GuidelineProfile profile = assessment.profile();
        String opening;
        if (assessment.rplOrderUnknown()) {
            opening = "Possible recurrent pregnancy loss (order of losses unknown): " + history.lossCount()
                    + " losses (" + profile.label() + ").";
        } else if (history.rplAsserted() && history.lossCount() < profile.minLosses()) {
            opening = "Recurrent pregnancy loss on record (number of losses unknown).";
        } else {
            opening = "Recurrent pregnancy loss: " + history.lossCount() + " losses (" + profile.label() + ").";
        }
        List<String> todo = items.stream()
                .filter(item -> item.status() == WorkUpItem.Status.TO_DO)
                .map(WorkUpItem::todo)
                .toList();
        if (todo.isEmpty()) {
            return opening + " Evaluation complete.";
        }
        String listed = opening + " Still to do: " + String.join(", ", todo) + ".";
        return Optional.of(listed)
                .filter(s -> s.length() <= Finding.MAX_SUMMARY)
                .orElse(opening + " Still to do: " + todo.size() + " items, see the checklist.");
    }
}
