package org.rplcds.hooks;

/** Client-supplied text made safe to echo in a message or a log line. */
final class Sanitise {

    private static final int MAX = 64;

    private Sanitise() {}

    static String forMessage(String text) {
        if (text == null) {
            return "";
        }
        String cleaned = text.replaceAll("[^A-Za-z0-9._:/-]", "?");
        return cleaned.length() > MAX ? cleaned.substring(0, MAX) + "..." : cleaned;
    }
}
