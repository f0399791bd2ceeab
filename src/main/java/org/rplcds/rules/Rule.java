package org.rplcds.rules;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The one shape of a recommendation: who it is for ({@link #inclusion}), who it is not for although
 * included ({@link #exclusion}: done, ordered, treated), and what its card says ({@link #card}). The
 * id, title and sources are declared once, in the constructor (per profile by overriding {@link
 * #sources}); the detail's "Sources" line names each of them. Each rule opens with the guideline's
 * statement and When / Then / Not when / Source, in the manner of the CDC opioid guideline's
 * CDS Hooks artifacts.
 */
abstract class Rule implements Recommendation {

    private final String id;
    private final String title;
    private final List<Citation> sources;

    /** A rule citing its sources, the one it follows most closely first. */
    Rule(String id, String title, Citation... sources) {
        this(id, title, List.of(sources));
    }

    Rule(String id, String title, List<Citation> sources) {
        if (sources.isEmpty()) {
            throw new IllegalArgumentException(id + " cites no source");
        }
        this.id = id;
        this.title = title;
        this.sources = List.copyOf(sources);
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
     * The sources the card cites, each linked under its own name, and named in the detail's closing
     * "Sources" line; the same for every profile unless the profile decides them.
     */
    List<Citation> sources(Assessment assessment) {
        return sources;
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
        List<Citation> cited = distinct(sources(assessment), links);
        Detail shown = detail.in(assessment.presentation().units()).cited(cited);
        // The card holds this rule's advice alone.
        return new Finding(
                id, title, indicator, summary, shown, cited.get(0), actions, rest(cited), List.of(id), false);
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
        List<Citation> cited = new ArrayList<>();
        cited.add(own.source());
        cited.addAll(own.links());
        List<String> rules = new ArrayList<>(List.of(own.ruleId()));
        for (Finding part : parts) {
            // Each source once, in the order the card's rules cite it.
            cited.add(part.source());
            cited.addAll(part.links());
            rules.add(part.ruleId());
        }
        cited = distinct(cited, List.of());
        // The ids in rule order, whichever rule's card holds the others.
        rules.sort(Comparator.naturalOrder());
        return new Finding(
                own.ruleId(),
                title,
                indicator,
                summary,
                detail.cited(cited),
                own.source(),
                actions,
                rest(cited),
                rules,
                false);
    }

    /** The sources, then the further reading, each once (by name or by address). */
    static List<Citation> distinct(List<Citation> sources, List<Citation> further) {
        List<Citation> all = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (Citation citation : concat(sources, further)) {
            boolean newName = seen.add("label|" + citation.label());
            boolean newAddress = !citation.linked() || seen.add("url|" + citation.url());
            if (newName && newAddress) {
                all.add(citation);
            }
        }
        return all;
    }

    private static List<Citation> concat(List<Citation> first, List<Citation> second) {
        List<Citation> both = new ArrayList<>(first);
        both.addAll(second);
        return both;
    }

    private static List<Citation> rest(List<Citation> cited) {
        return cited.subList(1, cited.size());
    }
}
