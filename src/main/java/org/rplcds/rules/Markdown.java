package org.rplcds.rules;

import java.util.Locale;
import java.util.stream.Collectors;
import org.rplcds.facts.Evidence;
import org.rplcds.facts.LossKind;
import org.rplcds.facts.PregnancyEvent;

/** Card detail lines; record text is escaped so that it cannot inject markdown or HTML. */
final class Markdown {

    private Markdown() {}

    static String event(PregnancyEvent event) {
        String date = event.date().map(Object::toString).orElse("date not recorded");
        String weeks = event.gestationalWeeks().map(w -> ", " + w + " weeks").orElse("");
        String sources = event.evidence().stream().map(Evidence::reference).collect(Collectors.joining(", "));
        return date + ": " + escape(event.evidence().get(0).description()) + weeks + " (" + sources + ")";
    }

    static String evidence(Evidence evidence) {
        String date = evidence.date().map(d -> d + ": ").orElse("");
        return date + escape(evidence.description()) + " (" + evidence.reference() + ")";
    }

    static String kind(LossKind kind) {
        return switch (kind) {
            case BIOCHEMICAL -> "biochemical loss(es)";
            case INDUCED -> "induced abortion(s)";
            case ECTOPIC -> "ectopic pregnancy(ies)";
            case MOLAR -> "molar pregnancy(ies)";
            case FETAL_DEATH -> "stillbirth(s) or fetal death(s)";
            default -> kind.name().toLowerCase(Locale.ROOT);
        };
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
