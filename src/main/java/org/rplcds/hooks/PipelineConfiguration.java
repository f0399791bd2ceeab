package org.rplcds.hooks;

import org.rplcds.rules.GuidelineProfile;
import org.rplcds.rules.Recommendations;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The catalogue and the guideline profile the site chose. */
@Configuration(proxyBeanMethods = false)
class PipelineConfiguration {

    @Bean
    GuidelineProfile guidelineProfile(@Value("${cds.profile:ESHRE2022}") String name) {
        return GuidelineProfile.named(name)
                .orElseThrow(() -> new IllegalStateException(
                        "cds.profile: unknown guideline profile '" + name + "'; choose one of "
                                + GuidelineProfile.BUILT_IN.stream()
                                        .map(GuidelineProfile::name)
                                        .toList()));
    }

    @Bean
    Recommendations recommendations() {
        return Recommendations.all();
    }
}
