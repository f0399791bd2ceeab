package org.rplcds.system;

/**
 * The sections of the documentation a start-up report sends an operator to: a file and a heading
 * in it. A test keeps each heading in its file.
 */
public enum Docs {
    RUN_IT("README.md", "Run it"),
    PROFILES("docs/running.md", "Profiles: demo and production"),
    SECURE_IT("docs/security.md", "Secure it"),
    CONFIGURE_IT("docs/configuration.md", "Configuration"),
    RULE_MODES("docs/governance.md", "Rule modes: on, silent or off"),
    LOCAL_CODES("docs/governance.md", "Local codes"),
    SITE_CONFIGURATION("docs/governance.md", "A site's configuration, the container way");

    private final String file;
    private final String heading;

    Docs(String file, String heading) {
        this.file = file;
        this.heading = heading;
    }

    /** The file, from the project's root. */
    public String file() {
        return file;
    }

    public String heading() {
        return heading;
    }

    /** {@code The section "Secure it" of docs/security.md}, to open a sentence. */
    public String atStart() {
        return "The section \"" + heading + "\" of " + file;
    }

    /** {@code the section "Secure it" of docs/security.md}, as a report writes it. */
    @Override
    public String toString() {
        return "the section \"" + heading + "\" of " + file;
    }
}
