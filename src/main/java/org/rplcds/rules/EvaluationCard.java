package org.rplcds.rules;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.rplcds.facts.ObstetricHistory;

/**
 * The RPL evaluation card: RPL-01 with RPL-02, 03, 05 and 08 on one card.
 *
 * <p><b>Guideline:</b> the evaluation every profile asks for once recurrent pregnancy loss is
 * identified (karyotype, thyroid, antiphospholipid antibodies, uterine cavity), and the supportive
 * care ESHRE 2022 recommends for every couple (RPL-26).
 *
 * <p><b>When</b> RPL-01 applies. <b>Then</b> one card: the count and the profile, what is still to do
 * in its summary; a checklist, one line per part, done (date, result, resource), ordered, waiting
 * (after this pregnancy, after individual risk assessment) or to do; a line offering
 * psychological support and a named early-pregnancy contact; RPL-04's reminder to check TSH on
 * levothyroxine in pregnancy, as a line; one suggestion per missing test and the problem-list entry,
 * the optional ones last. <b>Not when</b> RPL-01 stands back: RPL on the problem list and nothing to
 * do. With {@code cds.ui.aggregate-workup=false} the rules give their own cards instead. A part
 * that is not on ({@link RuleModes}) is left out: its line, its name in the summary, its suggestions
 * and its urgency; RPL-01 not on gives no evaluation card.
 *
 * <p><b>Source:</b> the profile's definition, and the sources of each part that fired.
 *
 * <p>It is a way of showing the cards, not a recommendation of its own: the catalogue runs every
 * rule once, then folds RPL-01's card and the parts' cards into this one. With RPL, the parts speak
 * on it only; without RPL (a second-trimester or late loss) RPL-05 keeps a card of its own.
 */
final class EvaluationCard {

    /** The recommendation whose card becomes the evaluation card: RPL identified. */
    static final String RECOGNITION = "RPL-01";

    static final String TITLE = "Recurrent pregnancy loss: evaluation";

    /** Unexplained RPL: when it speaks, its card holds the evaluation. */
    static final String UNEXPLAINED = "RPL-21";

    private EvaluationCard() {}

    /**
     * The findings with RPL-01's card replaced by the evaluation card, in its place, and the parts'
     * cards folded into it.
     *
     * @param parts the ids of the work-up's parts
     * @param items the checklist: the work-up's items, less those of parts that are not on
     */
    static List<Finding> fold(
            Assessment assessment, List<Finding> findings, Set<String> parts, List<WorkUpItem> items) {
        if (!assessment.rpl()) {
            return findings;
        }
        List<Finding> partCards =
                findings.stream().filter(f -> parts.contains(f.ruleId())).toList();
        // RPL-01 stands back when RPL is listed and nothing is to do; a part left out can leave
        // nothing to do on the checklist, and then it stands back too.
        Optional<Finding> recognition = findings.stream()
                .filter(f -> f.ruleId().equals(RECOGNITION))
                .filter(f -> !f.actions().isEmpty() || items.stream().anyMatch(WorkUpItem::stillToDo))
                .findFirst();
        Optional<Finding> unexplained =
                findings.stream().filter(f -> f.ruleId().equals(UNEXPLAINED)).findFirst();
        // Info that is a line of the evaluation when there is one; a card of its own otherwise.
        List<Finding> lines = recognition.isPresent() && unexplained.isEmpty()
                ? findings.stream()
                        .filter(Rpl04ThyroidTreatment::lineOfTheEvaluation)
                        .toList()
                : List.of();
        List<Finding> folded = new ArrayList<>();
        for (Finding finding : findings) {
            if (unexplained.isPresent()) {
                // Unexplained and complete: one card, RPL-21's, with the checklist; no evaluation card.
                if (finding.ruleId().equals(UNEXPLAINED)) {
                    folded.add(unexplainedCard(assessment, finding, recognition, items));
                } else if (!finding.ruleId().equals(RECOGNITION) && !parts.contains(finding.ruleId())) {
                    folded.add(finding);
                }
            } else if (finding.ruleId().equals(RECOGNITION)) {
                recognition.ifPresent(own -> folded.add(card(assessment, own, partCards, lines, items)));
            } else if (!parts.contains(finding.ruleId()) && !lines.contains(finding)) {
                folded.add(finding);
            }
        }
        return folded;
    }

    private static Finding card(
            Assessment assessment,
            Finding recognition,
            List<Finding> parts,
            List<Finding> lines,
            List<WorkUpItem> items) {
        List<ProposedAction> problem = recognition.actions();
        List<ProposedAction> actions = new ArrayList<>(problem);
        parts.forEach(part -> actions.addAll(part.actions()));
        // A line's suggestions join unless the evaluation already offers the same code.
        lines.forEach(line -> line.actions().stream()
                .filter(a -> actions.stream().noneMatch(b -> b.concept().equals(a.concept())))
                .forEach(actions::add));
        // Recommended suggestions first, then the optional ones, each in rule order.
        actions.sort(Comparator.comparing(a -> !a.recommended()));
        Indicator indicator = parts.stream()
                .map(Finding::indicator)
                .max(Comparator.naturalOrder())
                .orElse(Indicator.INFO);
        Detail detail = recognition.detail().uncited().checklist("Evaluation", items);
        for (Finding line : lines) {
            detail = detail.text(line.summary());
        }
        List<Finding> held = new ArrayList<>(parts);
        held.addAll(lines);
        Finding card = Rule.combined(
                recognition, TITLE, indicator, summary(assessment, items), support(assessment, detail), actions, held);
        // The uterine alternatives alone (RPL on the problem list, nothing else to do): one of them.
        boolean alternativesOnly =
                problem.isEmpty() && parts.size() == 1 && parts.get(0).alternatives();
        return alternativesOnly ? card.asAlternatives() : card;
    }

    /**
     * RPL-21's card with the evaluation on it: its advice, RPL-01's count and checklist, and the
     * problem-list entry when RPL is not listed yet.
     */
    private static Finding unexplainedCard(
            Assessment assessment, Finding unexplained, Optional<Finding> recognition, List<WorkUpItem> items) {
        Detail detail = recognition
                .map(r -> r.detail().uncited())
                .orElseGet(Detail::new)
                .checklist("Evaluation", items)
                .then(unexplained.detail().uncited());
        String summary = "Recurrent pregnancy loss, "
                + assessment.facts().history().lossCount()
                + " losses: evaluation complete and normal (unexplained). Offer supportive care in "
                + (assessment.pregnant() ? "this" : "the next") + " pregnancy.";
        List<ProposedAction> actions = new ArrayList<>(unexplained.actions());
        recognition.ifPresent(r -> actions.addAll(0, r.actions()));
        return Rule.combined(
                unexplained,
                unexplained.title(),
                unexplained.indicator(),
                summary,
                support(assessment, detail),
                actions,
                recognition.map(List::of).orElse(List.of()));
    }

    /**
     * RPL-26: supportive care, on the evaluation card and not a card of its own,
     * cited by the profile's guideline where it says so (RCOG GTG 17 under RCOG 2023).
     */
    private static Detail support(Assessment assessment, Detail detail) {
        String cited = assessment.profile().definition().equals(Citation.RCOG_2023) ? "RCOG GTG 17" : "ESHRE 2022";
        return detail.lead(
                "Support:",
                "offer psychological support and a named contact for early-pregnancy care in "
                        + (assessment.pregnant() ? "this" : "the next")
                        + " pregnancy (" + cited + ": supportive care).");
    }

    /**
     * {@code Recurrent pregnancy loss: 3 losses (ESHRE 2022). Still to do: karyotype, aPL tests.}, or
     * {@code ... Evaluation complete.}; the items are always named.
     */
    static String summary(Assessment assessment, List<WorkUpItem> items) {
        ObstetricHistory history = assessment.facts().history();
        GuidelineProfile profile = assessment.profile();
        String opening;
        if (assessment.derived().rplOrderUnknown()) {
            opening = "Possible recurrent pregnancy loss (order of losses unknown): " + history.lossCount()
                    + " losses (" + profile.label() + ").";
        } else if (history.rplAsserted() && history.lossCount() < profile.minLosses()) {
            opening = "Recurrent pregnancy loss on record (number of losses unknown).";
        } else {
            opening = "Recurrent pregnancy loss: " + history.lossCount() + " losses (" + profile.label() + ").";
        }
        List<String> todo = items.stream()
                .filter(WorkUpItem::stillToDo)
                .map(WorkUpItem::todo)
                .toList();
        if (todo.isEmpty()) {
            return opening + " Evaluation complete.";
        }
        // A summary names its items; when the list would pass 140 characters it is said shorter.
        String listed = opening + " Still to do: " + String.join(", ", todo) + ".";
        if (listed.length() <= Finding.MAX_SUMMARY) {
            return listed;
        }
        return opening + " To do: " + String.join(", ", todo) + ".";
    }
}
