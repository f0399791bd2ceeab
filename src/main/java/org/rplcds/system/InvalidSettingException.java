package org.rplcds.system;

/**
 * A setting the service refuses at start, with what to do about it: reported as those two and
 * nothing more ({@link SettingsFailureAnalyzer}).
 */
public class InvalidSettingException extends IllegalStateException {

    private final String action;

    /**
     * @param description what is wrong, naming the setting first ({@code cds.security.audience is not set})
     * @param action what to set, and where the documentation says how
     */
    public InvalidSettingException(String description, String action) {
        super(description);
        this.action = action;
    }

    public String action() {
        return action;
    }
}
