package org.rplcds.rules;

/** Checks of configured profile values, naming the setting that is wrong. */
final class Settings {

    private Settings() {}

    static void present(String name, Object value) {
        if (value == null) {
            throw new IllegalArgumentException("setting '" + name + "' is missing");
        }
    }
}
