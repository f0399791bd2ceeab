package org.rplcds.hooks;

import org.rplcds.rules.GuidelineProfile;
import org.rplcds.rules.Recommendations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** The catalogue and the guideline profile the site chose. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(GuidelineProfiles.class)
class PipelineConfiguration {

    /**
     * The profile named by {@code cds.profile} (ESHRE2022 by default) from
     * {@code guideline-profiles.yml}. An unknown name stops the start with a message saying which;
     * so do settings under the former {@code cds.rules.*}, which would otherwise be ignored.
     */
    @Bean
    GuidelineProfile guidelineProfile(GuidelineProfiles profiles, Environment environment) {
        Binder binder = Binder.get(environment);
        binder.bind("cds.rules", Bindable.mapOf(String.class, String.class)).ifBound(settings -> {
            throw new IllegalStateException(
                    "cds.rules." + settings.keySet().iterator().next()
                            + ": settings are made in the profile now, under cds.guidelines.profiles.<name>");
        });
        String name = binder.bind("cds.profile", String.class).orElse("ESHRE2022");
        return profiles.named(name)
                .orElseThrow(() -> new IllegalStateException(
                        "cds.profile: unknown guideline profile '" + name + "'; choose one of " + profiles.names()));
    }

    @Bean
    Recommendations recommendations() {
        return Recommendations.all();
    }
}
