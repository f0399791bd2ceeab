package org.rplcds.hooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rplcds.Application;
import org.rplcds.CdsSettings;
import org.rplcds.rules.GuidelineProfile;
import org.rplcds.rules.Presentation;
import org.rplcds.rules.RuleModes;
import org.rplcds.support.Profiles;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

@DisplayName("Profile configuration")
class ProfileConfigurationTest {

    /** The pipeline's configuration with application.yml, and through it guideline-profiles.yml. */
    final ApplicationContextRunner context = new ApplicationContextRunner()
            .withInitializer(new ConfigDataApplicationContextInitializer())
            .withConfiguration(AutoConfigurations.of(ConfigurationPropertiesAutoConfiguration.class))
            .withUserConfiguration(PipelineConfiguration.class);

    @Test
    @DisplayName("Should choose the profile by cds.profile and apply a site's value to it")
    void bindsProfileAndSettings() {
        context.withPropertyValues(
                        "cds.profile=SOURCE", "cds.guidelines.profiles.SOURCE.thresholds.thyroid.tsh-upper=4.5")
                .run(ctx -> {
                    GuidelineProfile profile = ctx.getBean(GuidelineProfile.class);
                    assertThat(profile.name()).isEqualTo("SOURCE");
                    assertThat(profile.minLosses()).isEqualTo(3);
                    assertThat(profile.thresholds().thyroid().tshUpper()).isEqualByComparingTo("4.5");
                });
    }

    @Test
    @DisplayName(
            "Should apply a site's value to the profile whatever the case of its name, as start-up reports name it")
    void bindsSettingsInAnyCase() {
        context.withPropertyValues("cds.guidelines.profiles.eshre2022.thresholds.thyroid.tsh-upper=4.5")
                .run(ctx -> {
                    GuidelineProfile profile = ctx.getBean(GuidelineProfile.class);
                    assertThat(profile.label()).isEqualTo("ESHRE 2022");
                    assertThat(profile.thresholds().thyroid().tshUpper()).isEqualByComparingTo("4.5");
                });
    }

    @Test
    @DisplayName("Should use ESHRE 2022 from guideline-profiles.yml when nothing is configured")
    void defaultsToEshre() {
        context.run(ctx -> assertThat(ctx.getBean(GuidelineProfile.class)).isEqualTo(Profiles.ESHRE2022));
    }

    @Test
    @DisplayName(
            "Should read cds.ui into the rules' presentation: one evaluation card and conventional units by default")
    void bindsPresentation() {
        context.run(ctx -> assertThat(ctx.getBean(CdsSettings.Ui.class))
                .isEqualTo(new CdsSettings.Ui(true, Presentation.UnitSystem.CONVENTIONAL, 0)));
        context.withPropertyValues("cds.ui.aggregate-workup=false", "cds.ui.units=si", "cds.ui.snooze-days=7")
                .run(ctx -> {
                    CdsSettings.Ui ui = ctx.getBean(CdsSettings.Ui.class);
                    assertThat(ui.presentation()).isEqualTo(new Presentation(false, Presentation.UnitSystem.SI));
                    assertThat(ui.snoozeDays()).isEqualTo(7);
                });
    }

    @Test
    @DisplayName("Should refuse to start with negative snooze days or units it does not know")
    void refusesBadPresentation() {
        context.withPropertyValues("cds.ui.snooze-days=-1").run(ctx -> assertThat(ctx)
                .getFailure()
                .rootCause()
                .hasMessageContaining("cds.ui.snooze-days must be 0 or more"));
        context.withPropertyValues("cds.ui.units=imperial").run(ctx -> assertThat(ctx)
                .getFailure()
                .hasStackTraceContaining("Failed to bind properties under 'cds.ui.units'"));
    }

    @Test
    @DisplayName("Should refuse to start with an unknown profile")
    void refusesUnknownProfile() {
        context.withPropertyValues("cds.profile=NICE").run(ctx -> assertThat(ctx)
                .getFailure()
                .rootCause()
                .hasMessageContaining("unknown guideline profile 'NICE'"));
    }

    @Test
    @DisplayName("Should refuse to start with a setting name the profiles do not have")
    void refusesUnknownSetting() {
        context.withPropertyValues("cds.guidelines.profiles.ESHRE2022.thresholds.counselling-window-days=90")
                .run(ctx -> assertThat(ctx)
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("thresholds.counselling-window-days")
                        .hasMessageContaining("left unbound"));
    }

    @Test
    @DisplayName("Should refuse to start with a threshold under its former flat name rather than ignore it")
    void refusesFormerThresholdName() {
        context.withPropertyValues("cds.guidelines.profiles.ESHRE2022.thresholds.tsh-upper=4.5")
                .run(ctx -> assertThat(ctx)
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("thresholds.tsh-upper")
                        .hasMessageContaining("left unbound"));
    }

    @Test
    @DisplayName("Should refuse to start with a limit out of range")
    void refusesLimitOutOfRange() {
        context.withPropertyValues("cds.guidelines.profiles.ESHRE2022.thresholds.apl.repeat-weeks=0")
                .run(ctx -> assertThat(ctx)
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("thresholds.apl.repeatWeeks")
                        .hasMessageContaining("must be greater than 0"));
    }

    @Test
    @DisplayName("Should refuse to start with a former cds.rules setting rather than ignore it")
    void refusesFormerSettings() {
        context.withPropertyValues("cds.rules.min-losses=3").run(ctx -> assertThat(ctx)
                .getFailure()
                .rootCause()
                .hasMessageContaining("cds.rules.min-losses")
                .hasMessageContaining("cds.guidelines.profiles"));
    }

    @Test
    @DisplayName("Should read each recommendation's mode by cds.rules.<id>.mode, the id in any case, on by default")
    void bindsRuleModes() {
        context.withPropertyValues(
                        "cds.rules.RPL-16.mode=silent", "cds.rules.rpl-20.mode=OFF", "cds.rules.RPL-03.mode=on")
                .run(ctx -> {
                    RuleModes modes = ctx.getBean(RuleModes.class);
                    assertThat(modes.notOn())
                            .containsExactly(
                                    Map.entry("RPL-16", RuleModes.Mode.SILENT),
                                    Map.entry("RPL-20", RuleModes.Mode.OFF));
                    assertThat(modes.of("RPL-03")).isEqualTo(RuleModes.Mode.ON);
                    assertThat(modes.of("RPL-01")).isEqualTo(RuleModes.Mode.ON);
                });
        context.run(ctx -> assertThat(ctx.getBean(RuleModes.class).notOn()).isEmpty());
    }

    @Test
    @DisplayName("Should read a mode set by environment variable, CDS_RULES_RPL16_MODE")
    void bindsRuleModeFromTheEnvironment() {
        // given
        Map<String, Object> environment = Map.of("CDS_RULES_RPL16_MODE", "silent");

        // when: under the name Spring Boot maps environment variables by
        ApplicationContextRunner withEnvironment = context.withInitializer(ctx -> ctx.getEnvironment()
                .getPropertySources()
                .addFirst(new SystemEnvironmentPropertySource(
                        StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, environment)));

        // then
        withEnvironment.run(
                ctx -> assertThat(ctx.getBean(RuleModes.class).of("RPL-16")).isEqualTo(RuleModes.Mode.SILENT));
    }

    @Test
    @DisplayName("Should refuse to start with a recommendation id or a mode it does not know, naming the setting")
    void refusesUnknownRuleOrMode() {
        context.withPropertyValues("cds.rules.RPL-99.mode=off").run(ctx -> assertThat(ctx)
                .getFailure()
                .rootCause()
                .hasMessageStartingWith("cds.rules.RPL-99.mode: no recommendation has the id 'RPL-99'; the ids are"
                        + " [RPL-01, RPL-02,"));
        context.withPropertyValues("cds.rules.RPL-16.mode=loud").run(ctx -> assertThat(ctx)
                .getFailure()
                .rootCause()
                .hasMessage("cds.rules.RPL-16.mode: 'loud' is not a mode; choose on, silent or off"));
        context.withPropertyValues("cds.rules.RPL-16.colour=red").run(ctx -> assertThat(ctx)
                .getFailure()
                .rootCause()
                .hasMessageStartingWith(
                        "cds.rules.RPL-16.colour: a recommendation has one setting," + " cds.rules.<id>.mode"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "cds.rules.RPL-99.mode=off | cds.rules.RPL-99.mode: no recommendation has the id 'RPL-99'",
                "cds.rules.RPL-16.mode=loud | cds.rules.RPL-16.mode: 'loud' is not a mode; choose on, silent or off"
            })
    @ExtendWith(OutputCaptureExtension.class)
    @DisplayName("Should stop the service's start with a short report naming the setting, without a stack trace")
    void stopsTheStartWithAShortReport(String setting, String said, CapturedOutput output) {
        // when
        Throwable failure = catchThrowable(() -> new SpringApplicationBuilder(Application.class)
                .properties(
                        setting,
                        "server.port=0",
                        "spring.datasource.url=jdbc:h2:mem:cds-refused-rules;DB_CLOSE_DELAY=-1")
                .run());

        // then
        assertThat(failure).isNotNull();
        assertThat(output.getOut())
                .contains("APPLICATION FAILED TO START")
                .contains("Description:" + System.lineSeparator() + System.lineSeparator() + said)
                .contains("Name a recommendation by its id and give it a mode")
                .doesNotContain("\tat org.rplcds");
    }

    @Test
    @DisplayName("Should refuse to start, not ignore, a profile value set by environment variable")
    void refusesEnvironmentMapKeys() {
        // given a profile value in the environment, where Spring lower-cases map keys
        Map<String, Object> environment = Map.of("CDS_GUIDELINES_PROFILES_ESHRE2022_THRESHOLDS_TSHUPPER", "4.5");

        // when
        ApplicationContextRunner withEnvironment = context.withInitializer(ctx -> ctx.getEnvironment()
                .getPropertySources()
                .addFirst(new SystemEnvironmentPropertySource("environment", environment)));

        // then
        withEnvironment.run(ctx -> assertThat(ctx)
                .getFailure()
                .rootCause()
                .hasMessageContaining("CDS_GUIDELINES_PROFILES_ESHRE2022_THRESHOLDS_TSHUPPER")
                .hasMessageContaining("not in the environment"));
    }
}
