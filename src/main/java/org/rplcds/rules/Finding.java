package org.rplcds.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a recommendation concluded for one patient: the content of one card.
 *
 * @param ruleId the recommendation's id, such as {@code RPL-01}
 * @param title the recommendation's name
 * @param indicator urgency
 * @param summary one line, at most 140 characters
 * @param detail the facts that fired the rule and where they are, as structure for cards/ to write
 * @param source the first source of the advice: the card's primary rule's first
 * @param actions what the card offers to do: the recommended first, then those offered as
 *     optional, each labelled {@code Optional: ...}
 * @param links the card's other sources, in the order cited (the primary rule's, then those of the
 *     other rules it holds, then further reading such as patient information); the Sources line
 *     names them all, the card links the first three with an address
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

    /** What marks a suggestion the active profile offers without recommending it. */
    public static final String OPTIONAL = "Optional: ";

    private static final Pattern ORDER_VERB = Pattern.compile("^(Order|Prescribe|Request|Start|Add|Refer for) ");

    /**
     * The recommended actions first, then the optional ones, each labelled {@code Optional: ...}
     * (optional advice looks optional, wherever a rule offers
     * it). The order within each group is the rule's.
     */
    static List<ProposedAction> optionalLast(List<ProposedAction> actions) {
        List<ProposedAction> ordered = new ArrayList<>(actions.size());
        actions.stream().filter(ProposedAction::recommended).forEach(ordered::add);
        actions.stream()
                .filter(action -> !action.recommended())
                .map(action -> action.labelled(optional(action.label())))
                .forEach(ordered::add);
        return List.copyOf(ordered);
    }

    /** "Order parental karyotype after ..." as "Optional: parental karyotype after ...". */
    static String optional(String label) {
        if (label.startsWith(OPTIONAL)) {
            return label;
        }
        String words = ORDER_VERB.matcher(label).replaceFirst("");
        boolean capitalWord = words.length() > 1 && Character.isUpperCase(words.charAt(1));
        return OPTIONAL + (capitalWord ? words : Character.toLowerCase(words.charAt(0)) + words.substring(1));
    }

    /** The same card, its actions offered as alternatives: one at most. */
    Finding asAlternatives() {
        return new Finding(ruleId, title, indicator, summary, detail, source, actions, links, rules, true);
    }

    public Finding {
        if (summary.length() > MAX_SUMMARY) {
            // CDS Hooks: a summary is under 140 characters; values from the record can make it longer.
            summary = summary.substring(0, MAX_SUMMARY - 1) + "…";
        }
        actions = optionalLast(actions);
        links = List.copyOf(links);
        rules = List.copyOf(rules);
        if (!rules.contains(ruleId)) {
            throw new IllegalArgumentException("the rules of a " + ruleId + " card leave out " + ruleId + ": " + rules);
        }
    }
}
