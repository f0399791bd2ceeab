package org.rplcds.security;

/**
 * Caller-controlled text made safe for one log line: control characters (CR and LF above all, which
 * would forge lines) are written as escapes, and the text is cut short.
 */
final class LogText {

    static final int MAX = 200;

    private LogText() {}

    static String escaped(String text) {
        if (text == null) {
            return "-";
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX) + 16);
        int i = 0;
        for (; i < text.length() && out.length() < MAX; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\r' -> out.append("\\r");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        if (i < text.length()) {
            out.append("...");
        }
        return out.toString();
    }
}
