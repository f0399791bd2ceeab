package org.rplcds.rules;

import java.util.List;
import java.util.Optional;

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
        return new Finding(id, title, indicator, summary, shown, cited, actions, links);
    }
}
