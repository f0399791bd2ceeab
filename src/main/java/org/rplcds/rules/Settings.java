package org.rplcds.rules;

/** Checks of configured profile values, naming the setting that is wrong. */
final class Settings {

    private Settings() {}

    static void present(String name, Object value) {
        if (value == null) {
            throw new IllegalArgumentException("setting '" + name + "' is missing");
        }
    }

    static void positive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException("setting '" + name + "' must be above 0, is " + value);
        }
    }
}
