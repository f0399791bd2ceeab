package org.rplcds.rules;

import java.util.List;

/**
 * What a recommendation concluded for one patient: the content of one card.
 *
 * @param ruleId the recommendation's id, such as {@code RPL-01}
 * @param title the recommendation's name
 * @param indicator urgency
 * @param summary one line, at most 140 characters
 * @param detail the facts that fired the rule and where they are, as structure for cards/ to write
 * @param source the guideline the advice comes from
 * @param actions what the card offers to do
 * @param links further reading beyond the source (trial reports, patient information)
 * @param rules the ids of every recommendation whose advice the card holds, in rule order; {@code
 *     ruleId} is one of them
 * @param alternatives the actions are alternatives, of which the clinician takes one at most
 */
public record Finding(
        String ruleId,
        String title,
        Indicator indicator,
        String summary,
        Detail detail,
        Citation source,
        List<ProposedAction> actions,
        List<Citation> links,
        List<String> rules,
        boolean alternatives) {

    static final int MAX_SUMMARY = 140;

    /** The same card, its actions offered as alternatives: one at most. */
    Finding asAlternatives() {
        return new Finding(ruleId, title, indicator, summary, detail, source, actions, links, rules, true);
    }

    public Finding {
        if (summary.length() > MAX_SUMMARY) {
            // CDS Hooks: a summary is under 140 characters; values from the record can make it longer.
            summary = summary.substring(0, MAX_SUMMARY - 1) + "…";
        }
        actions = List.copyOf(actions);
        links = List.copyOf(links);
        rules = List.copyOf(rules);
        if (!rules.contains(ruleId)) {
            throw new IllegalArgumentException("the rules of a " + ruleId + " card leave out " + ruleId + ": " + rules);
        }
    }
}
