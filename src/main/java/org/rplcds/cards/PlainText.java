package org.rplcds.cards;

/**
 * A plain-text field of a card ({@code summary}, a suggestion's {@code label}, an action's {@code
 * description}) as an EHR shows it: one line, without control characters, and no longer than its
 * limit. Words from the record reach these fields (a draft's {@code code.text}), and a record may
 * hold anything.
 */
public final class PlainText {

    /** CDS Hooks: a summary is under 140 characters. */
    static final int SUMMARY = 140;

    public static final int LABEL = 120;
    static final int DESCRIPTION = 240;

    private PlainText() {}

    /**
     * The text on one line: control and line-separator characters become spaces, runs of spaces one,
     * and past {@code max} characters it is cut with an ellipsis.
     */
    public static String of(String text, int max) {
        if (text == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), max + 1));
        boolean space = false;
        for (int i = 0; i < text.length() && out.length() <= max; i++) {
            char c = text.charAt(i);
            boolean blank = Character.isISOControl(c) || Character.isWhitespace(c) || c == '\u2028' || c == '\u2029';
            if (blank) {
                space = out.length() > 0;
                continue;
            }
            if (space) {
                out.append(' ');
                space = false;
            }
            out.append(c);
        }
        if (out.length() > max) {
            out.setLength(max - 1);
            return out.toString().stripTrailing() + "…";
        }
        return out.toString();
    }
}
