package org.rplcds.cards;

import java.util.List;
import java.util.stream.Collectors;
import org.rplcds.facts.Evidence;
import org.rplcds.facts.PregnancyEvent;
import org.rplcds.rules.Detail;
import org.rplcds.rules.Quantities;
import org.rplcds.rules.WorkUpItem;

/**
 * A finding's detail as GitHub-flavoured markdown. Record text is escaped so that it cannot inject
 * markdown or HTML; the service's own words are written as they are.
 */
public final class DetailMarkdown {

    private DetailMarkdown() {}

    public static String render(Detail detail) {
        StringBuilder md = new StringBuilder();
        for (Detail.Block block : detail.blocks()) {
            // Java 17: instanceof patterns; a switch over the sealed blocks needs Java 21.
            if (block instanceof Detail.Paragraph p) {
                if (!p.lead().isEmpty()) {
                    md.append("**").append(p.lead()).append("**");
                    if (!p.text().isEmpty()) {
                        md.append(' ');
                    }
                }
                md.append(p.text()).append("\n\n");
            } else if (block instanceof Detail.Entries e) {
                list(
                        md,
                        e.heading(),
                        e.entries().stream().map(DetailMarkdown::evidence).toList());
            } else if (block instanceof Detail.Results r) {
                list(
                        md,
                        r.heading(),
                        r.results().stream()
                                .map(result -> escape(Quantities.describe(result, r.units())) + " ("
                                        + result.evidence().reference() + ")")
                                .toList());
            } else if (block instanceof Detail.Events e) {
                list(
                        md,
                        e.heading(),
                        e.events().stream().map(DetailMarkdown::event).toList());
            } else if (block instanceof Detail.Checklist c) {
                list(
                        md,
                        c.heading(),
                        c.items().stream().map(DetailMarkdown::item).toList());
            } else if (block instanceof Detail.Sources s) {
                md.append("Sources: ").append(s.text()).append('.');
            }
        }
        return md.toString();
    }

    private static void list(StringBuilder md, String heading, List<String> lines) {
        if (lines.isEmpty()) {
            return;
        }
        md.append("**").append(heading).append(":**\n\n");
        lines.forEach(line -> md.append("- ").append(line).append('\n'));
        md.append('\n');
    }

    static String event(PregnancyEvent event) {
        String date = event.date().map(Object::toString).orElse("date not recorded");
        String weeks = event.gestationalWeeks().map(w -> ", " + w + " weeks").orElse("");
        String sources = event.evidence().stream().map(Evidence::reference).collect(Collectors.joining(", "));
        return date + ": " + escape(event.evidence().get(0).description()) + weeks + " (" + sources + ")";
    }

    /** "**To do** Thyroid: TSH and TPO antibodies: none in the last 12 months". */
    static String item(WorkUpItem item) {
        StringBuilder line = new StringBuilder("**")
                .append(item.status().label())
                .append("** ")
                .append(item.name());
        if (!item.note().isEmpty()) {
            line.append(": ").append(item.note());
        }
        if (!item.evidence().isEmpty()) {
            line.append(item.note().isEmpty() ? ": " : "; ")
                    .append(item.evidence().stream()
                            .map(DetailMarkdown::evidence)
                            .collect(Collectors.joining("; ")));
        }
        return line.toString();
    }

    static String evidence(Evidence evidence) {
        String date = evidence.date().map(d -> d + ": ").orElse("");
        return date + escape(evidence.description()) + " (" + evidence.reference() + ")";
    }

    /** Markdown and HTML control characters of record text, escaped. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            if ("\\`*_{}[]()#+-!|<>&".indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c == '\n' || c == '\r' ? ' ' : c);
        }
        return out.toString();
    }
}
