package org.rplcds.system;

/**
 * The README sections a start-up report sends an operator to, by their headings; a test keeps each
 * heading in the README.
 */
public enum Readme {
    RUN_IT("Run it"),
    PROFILES("Profiles: demo and production"),
    SECURE_IT("Secure it"),
    CONFIGURE_IT("Configure it"),
    RULE_MODES("Rule modes: on, silent or off"),
    LOCAL_CODES("Local codes"),
    SITE_CONFIGURATION("A site's configuration, the container way");

    private final String heading;

    Readme(String heading) {
        this.heading = heading;
    }

    public String heading() {
        return heading;
    }

    /** {@code The README's "Secure it" section}, to open a sentence. */
    public String atStart() {
        return "The README's \"" + heading + "\" section";
    }

    /** {@code the README's "Secure it" section}, as a report writes it. */
    @Override
    public String toString() {
        return "the README's \"" + heading + "\" section";
    }
}
