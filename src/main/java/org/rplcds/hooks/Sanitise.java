package org.rplcds.hooks;

import java.util.regex.Pattern;

/** Client-supplied text made safe to echo in a message or a log line. */
final class Sanitise {

    private static final int MAX = 64;

    private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9._:/-]");

    private Sanitise() {}

    static String forMessage(String text) {
        if (text == null) {
            return "";
        }
        String cleaned = UNSAFE.matcher(text).replaceAll("?");
        return cleaned.length() > MAX ? cleaned.substring(0, MAX) + "..." : cleaned;
    }
}
