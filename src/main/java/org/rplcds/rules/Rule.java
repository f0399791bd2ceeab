package org.rplcds.rules;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The one shape of a recommendation: who it is for ({@link #inclusion}), who it is not for although
 * included ({@link #exclusion}: done, ordered, treated), and what its card says ({@link #card}). The
 * id, title and source are declared once, in the constructor (the source per profile by overriding
 * {@link #source}); the detail's "Sources" line is the source's label. Each rule opens with the guideline's
 * statement and When / Then / Not when / Source, in the manner of the CDC opioid guideline's
 * CDS Hooks artifacts.
 */
abstract class Rule implements Recommendation {

    private final String id;
    private final String title;
    private final Citation source;

    Rule(String id, String title, Citation source) {
        this.id = id;
        this.title = title;
        this.source = source;
    }

    @Override
    public final String id() {
        return id;
    }

    final String title() {
        return title;
    }

    @Override
    public final Optional<Finding> evaluate(Assessment assessment) {
        if (!inclusion(assessment) || exclusion(assessment)) {
            return Optional.empty();
        }
        return Optional.of(card(assessment));
    }

    /** The patients the recommendation is for. */
    abstract boolean inclusion(Assessment assessment);

    /** Included patients for whom there is nothing to add. */
    abstract boolean exclusion(Assessment assessment);

    /** What the card says, for an included patient who is not excluded. */
    abstract Finding card(Assessment assessment);

    /**
     * The guideline the card cites, and the detail's closing "Sources" line; one per rule unless
     * the profile decides it.
     */
    Citation source(Assessment assessment) {
        return source;
    }

    final Finding finding(
            Assessment assessment, Indicator indicator, String summary, Detail detail, List<ProposedAction> actions) {
        return finding(assessment, indicator, summary, detail, actions, List.of());
    }

    final Finding finding(
            Assessment assessment,
            Indicator indicator,
            String summary,
            Detail detail,
            List<ProposedAction> actions,
            List<Citation> links) {
        Citation cited = source(assessment);
        Detail shown = detail.in(assessment.presentation().units()).cited(cited);
        // The card holds this rule's advice alone.
        return new Finding(id, title, indicator, summary, shown, cited, actions, links, List.of(id), false);
    }

    /**
     * One card holding a rule's advice and that of the parts: cited by the rule's source and the
     * parts' own, which the Sources line names in rule order. The Sources line is written here, as
     * for every card.
     *
     * @param own the card of the rule that holds the others; its id and source stay
     * @param detail the combined detail, without a Sources line
     */
    static Finding combined(
            Finding own,
            String title,
            Indicator indicator,
            String summary,
            Detail detail,
            List<ProposedAction> actions,
            List<Finding> parts) {
        Set<String> labels = new LinkedHashSet<>();
        labels.add(own.source().label());
        List<Citation> links = new ArrayList<>();
        List<String> rules = new ArrayList<>(List.of(own.ruleId()));
        for (Finding part : parts) {
            // "ESHRE 2022; ASRM 2012" and "ESHRE 2022; source text": each guideline named once.
            labels.addAll(List.of(part.source().label().split("; ")));
            links.add(part.source());
            links.addAll(part.links());
            rules.add(part.ruleId());
        }
        Citation cited = new Citation(String.join("; ", labels), own.source().url());
        return new Finding(
                own.ruleId(),
                title,
                indicator,
                summary,
                detail.cited(cited),
                own.source(),
                actions,
                links.stream().distinct().toList(),
                rules,
                false);
    }
}
