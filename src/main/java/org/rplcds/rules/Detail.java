package org.rplcds.rules;

import java.util.List;
import org.rplcds.facts.Evidence;
import org.rplcds.facts.LabResult;

/** Builds a card's markdown detail: what fired the rule, with dates, values and resources. */
final class Detail {

    private final StringBuilder md = new StringBuilder();

    /** A paragraph of the service's own words. */
    Detail text(String text) {
        md.append(text).append("\n\n");
        return this;
    }

    /** A bold heading and a list of record entries. */
    Detail evidence(String heading, List<Evidence> entries) {
        if (!entries.isEmpty()) {
            md.append("**").append(heading).append(":**\n\n");
            entries.forEach(e -> md.append("- ").append(Markdown.evidence(e)).append('\n'));
            md.append('\n');
        }
        return this;
    }

    /** A bold heading and a list of results. */
    Detail results(String heading, List<LabResult> results) {
        if (!results.isEmpty()) {
            md.append("**").append(heading).append(":**\n\n");
            results.forEach(r -> md.append("- ")
                    .append(Markdown.escape(r.describe()))
                    .append(" (")
                    .append(r.evidence().reference())
                    .append(")\n"));
            md.append('\n');
        }
        return this;
    }

    /** The closing line naming the sources. */
    String sources(String sources) {
        return md.append("Sources: ").append(sources).append('.').toString();
    }
}
