package org.rplcds.hooks;

import java.util.Map;
import org.rplcds.rules.GuidelineProfile;
import org.rplcds.rules.Recommendations;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** The catalogue and the guideline profile the site chose. */
@Configuration(proxyBeanMethods = false)
class PipelineConfiguration {

    /**
     * The profile named by {@code cds.profile} (ESHRE2022 by default), with any {@code cds.rules.*}
     * settings applied: {@code cds.rules.min-losses=3}, {@code cds.rules.thresholds.tsh-upper=4.5}.
     * An unknown name stops the start with a message saying which.
     */
    @Bean
    GuidelineProfile guidelineProfile(Environment environment) {
        Binder binder = Binder.get(environment);
        String name = binder.bind("cds.profile", String.class).orElse("ESHRE2022");
        GuidelineProfile profile = GuidelineProfile.named(name)
                .orElseThrow(() -> new IllegalStateException(
                        "cds.profile: unknown guideline profile '" + name + "'; choose one of "
                                + GuidelineProfile.BUILT_IN.stream()
                                        .map(GuidelineProfile::name)
                                        .toList()));
        Map<String, String> settings = binder.bind("cds.rules", Bindable.mapOf(String.class, String.class))
                .orElse(Map.of());
        try {
            return profile.with(settings);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("cds.rules: " + e.getMessage(), e);
        }
    }

    @Bean
    Recommendations recommendations() {
        return Recommendations.all();
    }
}
