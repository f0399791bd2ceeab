package org.rplcds.rules;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A class's Javadoc as markdown, for the clinical catalogue: the header of a recommendation split
 * into its parts (Guideline, When, Then, Not when, While the orders are written, Source), inline tags
 * and HTML written as markdown, and every reference to a numbered section of a document outside the
 * repository taken out, so that the catalogue cites guidelines and publications only.
 */
final class JavadocText {

    /** The parts of a recommendation's header, in the order the catalogue shows them. */
    static final List<String> PARTS =
            List.of("Guideline", "When", "Then", "Not when", "While the orders are written", "Source");

    /** The parts every recommendation's header has. */
    static final List<String> REQUIRED = List.of("Guideline", "When", "Then", "Not when", "Source");

    /**
     * A section number of an outside document: {@code §8 R6}, {@code 1.2}; a recommendation's own id
     * after it ({@code §8.4 RPL-26}) stays.
     */
    private static final String NUMBER = "(?:§\\s*)?\\d+(?:\\.\\d+)*(?:\\s+R\\d+)?";

    private static final Pattern SECTION_REFERENCE = Pattern.compile("(?i:clinical rules)\\s*" + NUMBER
            + "(?:\\s*(?:,|and)\\s*" + NUMBER + ")*|§\\s*\\d+(?:\\.\\d+)*(?:\\s+R\\d+)?");

    private static final char CUT = '\u0000';
    private static final Pattern BOLD = Pattern.compile("<b>(.*?)</b>");

    /**
     * A header: its opening sentence, its named parts as markdown, and its other paragraphs.
     *
     * @param lead the opening sentence, such as {@code RPL-12 History-indicated cerclage.}
     * @param parts each named part, by its name, in the order written
     * @param notes the paragraphs that are no named part
     */
    record Header(String lead, Map<String, String> parts, List<String> notes) {}

    private JavadocText() {}

    /** The Javadoc of the type {@code typeName} declared in this source, its comment marks left out. */
    static String classComment(String source, String typeName) {
        Matcher declaration = Pattern.compile(
                        "(?m)^(?:public\\s+|abstract\\s+|final\\s+|sealed\\s+)*(?:class|record|enum|interface)\\s+"
                                + typeName + "\\b")
                .matcher(source);
        if (!declaration.find()) {
            throw new IllegalStateException("no type " + typeName + " declared in its source");
        }
        int end = source.lastIndexOf("*/", declaration.start());
        int start = end < 0 ? -1 : source.lastIndexOf("/**", end);
        if (start < 0 || !source.substring(end + 2, declaration.start()).strip().matches("(@\\w+(\\(.*\\))?\\s*)*")) {
            throw new IllegalStateException(typeName + " has no Javadoc");
        }
        List<String> lines = new ArrayList<>();
        source.substring(start + 3, end).lines().forEach(line -> lines.add(line.replaceFirst("^\\s*\\* ?", "")));
        return String.join("\n", lines).strip();
    }

    /** The description of each {@code @param} of a comment, as markdown, by name. */
    static Map<String, String> params(String comment) {
        Map<String, String> params = new LinkedHashMap<>();
        Matcher param =
                Pattern.compile("(?s)@param (\\w+)\\s+(.*?)(?=\\n@|\\z)").matcher(comment);
        while (param.find()) {
            params.put(
                    param.group(1),
                    markdown(param.group(2).replaceAll("\\s+", " ").strip()));
        }
        return params;
    }

    /** The Javadoc of the method {@code name} declared in this source, as markdown; empty without one. */
    static String methodComment(String source, String name) {
        Matcher method = Pattern.compile(
                        "/\\*\\*((?:(?!\\*/).)*)\\*/\\s*public [\\w<>]+ " + name + "\\(", Pattern.DOTALL)
                .matcher(source);
        if (!method.find()) {
            return "";
        }
        List<String> lines = new ArrayList<>();
        method.group(1).lines().forEach(line -> lines.add(line.replaceFirst("^\\s*\\* ?", "")));
        return markdown(String.join(" ", lines).replaceAll("\\s+", " ").strip());
    }

    /** The header of a recommendation: its lead, its named parts and its other paragraphs. */
    static Header header(String comment) {
        List<String> paragraphs = paragraphs(comment);
        Map<String, String> parts = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        for (String paragraph : paragraphs.subList(1, paragraphs.size())) {
            Matcher bold = BOLD.matcher(paragraph);
            String name = null;
            int from = 0;
            StringBuilder rest = new StringBuilder();
            while (bold.find()) {
                String marker = bold.group(1).strip().replaceAll(":$", "");
                if (!PARTS.contains(marker)) {
                    continue;
                }
                String before = paragraph.substring(from, bold.start());
                if (name == null) {
                    rest.append(before);
                } else {
                    parts.merge(name, part(before), (a, b) -> a + " " + b);
                }
                name = marker;
                from = bold.end();
            }
            if (name == null) {
                notes.add(markdown(paragraph));
            } else {
                parts.merge(name, part(paragraph.substring(from)), (a, b) -> a + " " + b);
                if (!rest.isEmpty() && !rest.toString().isBlank()) {
                    notes.add(markdown(rest.toString()));
                }
            }
        }
        return new Header(markdown(paragraphs.get(0)), parts, notes);
    }

    /** A comment as markdown paragraphs, separated by blank lines. */
    static String markdown(String comment, boolean asParagraphs) {
        List<String> shown = new ArrayList<>();
        paragraphs(comment).forEach(paragraph -> shown.add(markdown(paragraph)));
        return String.join(asParagraphs ? "\n\n" : " ", shown);
    }

    /**
     * Plain text with every reference to a numbered section of an outside document taken out:
     * {@code (clinical rules 1.3)} goes, {@code (clinical rules 1.2, paraphrased)} keeps {@code
     * (paraphrased)}.
     */
    static String withoutSectionReferences(String text) {
        String cut = SECTION_REFERENCE.matcher(text).replaceAll(String.valueOf(CUT));
        if (cut.indexOf(CUT) < 0) {
            return text;
        }
        Matcher brackets =
                Pattern.compile("\\s*\\(([^()]*" + CUT + "[^()]*)\\)").matcher(cut);
        StringBuilder tidied = new StringBuilder();
        while (brackets.find()) {
            List<String> kept = new ArrayList<>();
            for (String piece : brackets.group(1).split(String.valueOf(CUT), -1)) {
                String trimmed = piece.replaceAll("^[\\s,;:]+|[\\s,;:]+$", "");
                if (!trimmed.isEmpty()) {
                    kept.add(trimmed);
                }
            }
            String leading = brackets.group().substring(0, brackets.group().indexOf('('));
            String replacement = kept.isEmpty() ? "" : leading + "(" + String.join(", ", kept) + ")";
            brackets.appendReplacement(tidied, Matcher.quoteReplacement(replacement));
        }
        brackets.appendTail(tidied);
        return tidied.toString()
                .replaceAll("\\s*" + CUT + "\\s*", " ")
                .replaceAll(" {2,}", " ")
                .replaceAll(" ([,.;:])", "$1")
                .strip();
    }

    private static String part(String text) {
        return markdown(text.replaceFirst("^[\\s:,]+", ""));
    }

    /** The comment's paragraphs ({@code <p>}), each on one line, block tags ({@code @param}) left out. */
    private static List<String> paragraphs(String comment) {
        String body = comment.split("(?m)^@\\w+", 2)[0];
        List<String> paragraphs = new ArrayList<>();
        for (String paragraph : body.split("<p>")) {
            String line = paragraph.replace("</p>", "").replaceAll("\\s+", " ").strip();
            if (!line.isEmpty()) {
                paragraphs.add(line);
            }
        }
        return paragraphs;
    }

    /** One paragraph of Javadoc as markdown: inline tags, lists, bold and entities. */
    private static String markdown(String paragraph) {
        String text = inlineTags(paragraph)
                .replaceAll("\\s*</li>\\s*", "")
                .replaceAll("\\s*<li>\\s*", "\n1. ")
                .replaceAll("\\s*<(ol|ul)>\\s*", "\n")
                .replaceAll("\\s*</(ol|ul)>\\s*", "\n\n")
                .replaceAll("</?b>", "**")
                .replaceAll("</?i>", "*")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&amp;", "&");
        return withoutSectionReferences(text).strip();
    }

    /**
     * {@code {@code x}} as a code span, {@code {@link Type#member}} as the member's name in one,
     * braces inside a tag counted.
     */
    private static String inlineTags(String text) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            int open = text.indexOf("{@", i);
            if (open < 0) {
                out.append(text.substring(i));
                break;
            }
            out.append(text, i, open);
            int depth = 0;
            int close = open;
            for (; close < text.length(); close++) {
                char c = text.charAt(close);
                if (c == '{') {
                    depth++;
                } else if (c == '}' && --depth == 0) {
                    break;
                }
            }
            String tag = text.substring(open + 2, close);
            String kind = tag.split("\\s", 2)[0];
            String content = tag.substring(kind.length()).strip();
            if (kind.equals("link") || kind.equals("linkplain")) {
                String[] target = content.split("\\s", 2);
                content = target.length > 1
                        ? target[1]
                        : target[0].startsWith("#") ? target[0].substring(1) : target[0].replace('#', '.');
            }
            out.append(span(content));
            i = close + 1;
        }
        return out.toString();
    }

    /** A markdown code span that holds any backtick its text has. */
    static String span(String text) {
        return text.contains("`") ? "`` " + text + " ``" : "`" + text + "`";
    }
}
