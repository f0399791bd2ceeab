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
                                        + escape(result.evidence().reference()) + ")")
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
        String sources = event.evidence().stream()
                .map(Evidence::reference)
                .map(DetailMarkdown::escape)
                .collect(Collectors.joining(", "));
        return date + ": " + escape(PlainText.of(event.evidence().get(0).description(), RECORD_WORDS)) + weeks + " ("
                + sources + ")";
    }

    /**
     * "**To do** Thyroid: TSH and TPO antibodies: none in the last 12 months"; a done item shows
     * what was found: "**Done** Parental karyotype: done 2023-03-01, 46,XX (Observation/k1)".
     */
    static String item(WorkUpItem item) {
        StringBuilder line = new StringBuilder("**")
                .append(item.status().label())
                .append("** ")
                .append(item.name());
        if (!item.note().isEmpty()) {
            line.append(": ").append(escape(item.note()));
        }
        if (!item.evidence().isEmpty()) {
            line.append(item.note().isEmpty() ? ": " : "; ")
                    .append(item.status() == WorkUpItem.Status.DONE ? "done " : "")
                    .append(item.evidence().stream()
                            .map(DetailMarkdown::checked)
                            .collect(Collectors.joining("; ")));
        }
        return line.toString();
    }

    /** An entry of a checklist line: "2023-03-01, 46,XX (Observation/k1)". */
    static String checked(Evidence evidence) {
        String date = evidence.date().map(d -> d + ", ").orElse("");
        return date + escape(PlainText.of(evidence.description(), RECORD_WORDS)) + " (" + escape(evidence.reference())
                + ")";
    }

    static String evidence(Evidence evidence) {
        String date = evidence.date().map(d -> d + ": ").orElse("");
        return date + escape(PlainText.of(evidence.description(), RECORD_WORDS)) + " (" + escape(evidence.reference())
                + ")";
    }

    /**
     * Record text with only what markdown would misread escaped: asterisk, underscore, backtick,
     * brackets, {@code <}, {@code >}, {@code |}, a leading {@code #}, and the backslash that
     * escapes them. A hyphen, parenthesis, full stop or exclamation mark reads as itself inside a
     * line (CommonMark 0.31, "Backslash escapes" and "Inlines"), so it is left as it is: {@code 46,XX}
     * and {@code O03.9} stay readable where a viewer shows the markdown raw.
     */
    /** A record's own words in a detail line, cut: a record may hold a megabyte of text. */
    static final int RECORD_WORDS = 200;

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        String flat = text.replace('\r', ' ').replace('\n', ' ');
        for (int i = 0; i < flat.length(); i++) {
            char c = flat.charAt(i);
            if ("\\`*_[]<>|".indexOf(c) >= 0 || (c == '#' && i == 0)) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }
}
