package org.rplcds.system;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * A start refused for a missing or wrong {@code cds.*} setting is reported as what to set, without a
 * stack trace: the service's own checks throw {@link IllegalStateException} with a message that
 * names the setting first.
 */
class SettingsFailureAnalyzer extends AbstractFailureAnalyzer<IllegalStateException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, IllegalStateException cause) {
        String message = cause.getMessage();
        if (message == null || !message.startsWith("cds.")) {
            return null;
        }
        String setting = message.split("[ :=]", 2)[0];
        if (setting.startsWith("cds.rules.")) {
            return new FailureAnalysis(
                    message,
                    "Name a recommendation by its id and give it a mode: cds.rules.RPL-16.mode=silent (on, silent"
                            + " or off); the README's \"Rule modes\" section lists them.",
                    cause);
        }
        return new FailureAnalysis(
                message,
                "Set " + setting + " (environment variable "
                        + setting.toUpperCase(java.util.Locale.ROOT)
                                .replace('.', '_')
                                .replace("-", "")
                        + "), or start the demo profile. The README's \"Configure it\" section has a minimal"
                        + " production configuration to copy.",
                cause);
    }
}
