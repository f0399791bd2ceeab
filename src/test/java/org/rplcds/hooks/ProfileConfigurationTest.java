package org.rplcds.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.rplcds.rules.GuidelineProfile;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

@DisplayName("Profile configuration")
class ProfileConfigurationTest {

    final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ConfigurationPropertiesAutoConfiguration.class))
            .withUserConfiguration(PipelineConfiguration.class);

    @Test
    @DisplayName("Should choose the profile by cds.profile and apply cds.rules settings, thresholds included")
    void bindsProfileAndSettings() {
        context.withPropertyValues("cds.profile=SOURCE", "cds.rules.min-losses=2", "cds.rules.thresholds.tsh-upper=4.5")
                .run(ctx -> {
                    GuidelineProfile profile = ctx.getBean(GuidelineProfile.class);
                    assertThat(profile.name()).isEqualTo("SOURCE");
                    assertThat(profile.minLosses()).isEqualTo(2);
                    assertThat(profile.thresholds().tshUpper()).isEqualByComparingTo("4.5");
                });
    }

    @Test
    @DisplayName("Should use ESHRE 2022 when nothing is configured")
    void defaultsToEshre() {
        context.run(ctx -> assertThat(ctx.getBean(GuidelineProfile.class)).isEqualTo(GuidelineProfile.ESHRE2022));
    }

    @Test
    @DisplayName("Should refuse to start with an unknown profile or setting")
    void refusesUnknownNames() {
        context.withPropertyValues("cds.profile=NICE").run(ctx -> assertThat(ctx)
                .getFailure()
                .rootCause()
                .hasMessageContaining("unknown guideline profile 'NICE'"));
        context.withPropertyValues("cds.rules.tsh-upper=4.5")
                .run(ctx ->
                        assertThat(ctx).getFailure().rootCause().hasMessageContaining("unknown setting 'tsh-upper'"));
    }
}
