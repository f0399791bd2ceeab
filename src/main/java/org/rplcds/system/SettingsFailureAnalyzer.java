package org.rplcds.system;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * A start refused for a missing or wrong {@code cds.*} setting is reported as what is wrong, what to
 * set and where the documentation says how, without a stack trace. The service's checks throw an {@link
 * InvalidSettingException}, which carries its own action, or an {@link IllegalStateException} whose
 * message names the setting first ({@code cds.rules.RPL-99.mode: ...}), or the environment variable
 * that cannot be read ({@code CDS_GUIDELINES_...: ...}).
 */
class SettingsFailureAnalyzer extends AbstractFailureAnalyzer<IllegalStateException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, IllegalStateException cause) {
        if (cause instanceof InvalidSettingException refused) {
            return new FailureAnalysis(refused.getMessage(), refused.action(), cause);
        }
        String message = cause.getMessage();
        if (message == null) {
            return null;
        }
        String setting = message.split("[ :=]", 2)[0];
        if (setting.startsWith("CDS_GUIDELINES")) {
            return new FailureAnalysis(
                    message,
                    "Unset " + setting + ", and give the value in the site's application.yml under"
                            + " cds.guidelines.profiles.<PROFILE> (or as an argument,"
                            + " --cds.guidelines.profiles.ESHRE2022.thresholds.thyroid.tsh-upper=4.5): environment"
                            + " variables cannot name a profile. " + Docs.SITE_CONFIGURATION.atStart()
                            + " shows such a file.",
                    cause);
        }
        if (!setting.startsWith("cds.")) {
            return null;
        }
        if (setting.startsWith("cds.rules.")) {
            return new FailureAnalysis(
                    message,
                    "Name a recommendation by its id and give it a mode: cds.rules.RPL-16.mode=silent (on, silent"
                            + " or off); " + Docs.RULE_MODES + " lists them.",
                    cause);
        }
        if (setting.equals("cds.profile")) {
            return new FailureAnalysis(
                    message,
                    "Set cds.profile (CDS_PROFILE) to one of those profiles, or unset it for ESHRE2022; "
                            + Docs.CONFIGURE_IT + " says where each differs.",
                    cause);
        }
        Docs section = setting.startsWith("cds.security.") ? Docs.SECURE_IT : Docs.CONFIGURE_IT;
        return new FailureAnalysis(
                message,
                "Correct " + setting + " where the site sets it (its configuration file, an argument or an"
                        + " environment variable); " + section + " gives its values.",
                cause);
    }
}
