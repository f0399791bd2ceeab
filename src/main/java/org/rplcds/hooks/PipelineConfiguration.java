package org.rplcds.hooks;

import java.util.Locale;
import org.rplcds.CdsSettings;
import org.rplcds.SettingsConfiguration;
import org.rplcds.rules.GuidelineProfile;
import org.rplcds.rules.Recommendations;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** The catalogue and the guideline profile the site chose. */
@Configuration(proxyBeanMethods = false)
@Import(SettingsConfiguration.class)
class PipelineConfiguration {

    /**
     * The profile named by {@code cds.profile} (ESHRE2022 by default) from
     * {@code guideline-profiles.yml}. An unknown name stops the start with a message saying which;
     * so do settings under the former {@code cds.rules.*}, which would otherwise be ignored.
     */
    @Bean
    GuidelineProfile guidelineProfile(CdsSettings settings, Environment environment) {
        settings.rules().keySet().stream().findFirst().ifPresent(former -> {
            throw new IllegalStateException("cds.rules." + former
                    + ": settings are made in the profile now, under cds.guidelines.profiles.<name>");
        });
        refuseProfileValuesFromTheEnvironment(environment);
        String name = settings.profile();
        CdsSettings.Guidelines profiles = settings.guidelines();
        return profiles.named(name)
                .orElseThrow(() -> new IllegalStateException(
                        "cds.profile: unknown guideline profile '" + name + "'; choose one of " + profiles.names()));
    }

    /**
     * Spring lower-cases map keys read from environment variables, so a profile value set that way
     * would match no profile and be dropped without a word: refuse it instead.
     */
    private static void refuseProfileValuesFromTheEnvironment(Environment environment) {
        if (!(environment instanceof ConfigurableEnvironment configurable)) {
            return;
        }
        for (PropertySource<?> source : configurable.getPropertySources()) {
            if (source instanceof SystemEnvironmentPropertySource variables) {
                for (String variable : variables.getPropertyNames()) {
                    if (variable.toUpperCase(Locale.ROOT).startsWith("CDS_GUIDELINES")) {
                        throw new IllegalStateException(variable
                                + ": guideline profile values are set in configuration files"
                                + " (cds.guidelines.profiles.<name>...), not in the environment");
                    }
                }
            }
        }
    }

    @Bean
    Recommendations recommendations(CdsSettings.Ui ui) {
        return Recommendations.all(ui.presentation());
    }
}
