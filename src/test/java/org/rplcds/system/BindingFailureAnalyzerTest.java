package org.rplcds.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.rplcds.SettingsConfiguration;
import org.rplcds.support.Profiles;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

@DisplayName("Settings refused while bound")
class BindingFailureAnalyzerTest {

    private static final String AT = "cds.guidelines.profiles.SITE.";

    /** The shipped ESHRE 2022 profile as a site's profile, by YAML name. */
    static Map<String, String> site() {
        return Profiles.properties(AT, Profiles.ESHRE2022);
    }

    /** Every value a profile must give, by its YAML path below the profile (the citation aside). */
    static Stream<String> requiredValues() {
        return site().keySet().stream()
                .filter(name -> !name.startsWith(AT + "definition."))
                .map(name -> name.substring(AT.length()));
    }

    static FailureAnalysis bindAndAnalyze(Map<String, String> properties) {
        // when
        Throwable failure =
                catchThrowable(() -> Profiles.bind(List.of(new MapConfigurationPropertySource(properties))));

        // then the start stops, and the report has no stack trace
        assertThat(failure).isInstanceOf(BindException.class);
        FailureAnalysis analysis = new BindingFailureAnalyzer().analyze(failure);
        assertThat(analysis).isNotNull();
        assertThat(analysis.getDescription()).doesNotContain("\tat ", "Exception");
        return analysis;
    }

    /** The site's profile with one value set, below the profile, at the YAML path given. */
    static FailureAnalysis bindAndAnalyzeSiteWith(String path, String value) {
        Map<String, String> properties = site();
        properties.put(AT + path, value);
        return bindAndAnalyze(properties);
    }

    @Nested
    @DisplayName("a value the annotations refuse")
    class Refused {

        @ParameterizedTest(name = "{0}")
        @MethodSource("org.rplcds.system.BindingFailureAnalyzerTest#requiredValues")
        @DisplayName("Should name a missing value by its YAML path, or its group when the group is left empty")
        void namesMissingValueByItsYamlPath(String value) {
            // given
            Map<String, String> properties = site();
            properties.remove(AT + value);
            String parent = value.contains(".") ? value.substring(0, value.lastIndexOf('.')) : "";
            boolean groupLeftEmpty =
                    !parent.isEmpty() && properties.keySet().stream().noneMatch(k -> k.startsWith(AT + parent + "."));
            String named = "cds.guidelines.profiles.SITE." + (groupLeftEmpty ? parent : value) + ": must ";

            // when
            FailureAnalysis analysis = bindAndAnalyze(properties);

            // then
            assertThat(analysis.getDescription()).contains(named);
        }

        @Test
        @DisplayName("Should name a limit of a group by its YAML path, not its Java name")
        void namesGroupLimitByItsYamlPath() {
            // given the AUDIT-C limit of the lifestyle group set to 0
            // when
            FailureAnalysis analysis = bindAndAnalyzeSiteWith("thresholds.lifestyle.audit-c-positive", "0");

            // then
            assertThat(analysis.getDescription())
                    .contains(
                            "cds.guidelines.profiles.SITE.thresholds.lifestyle.audit-c-positive: must be greater than 0")
                    .doesNotContain("auditCPositive");
        }
    }

    @Nested
    @DisplayName("a threshold under its former flat name")
    class Former {

        @Test
        @DisplayName("Should stop the start and name the new key")
        void namesNewKey() {
            // given a site that set a threshold as it did before the groups
            // when
            FailureAnalysis analysis = bindAndAnalyzeSiteWith("thresholds.tsh-upper", "4.5");

            // then
            assertThat(analysis.getDescription())
                    .contains("cds.guidelines.profiles.site.thresholds.tsh-upper")
                    .contains("set cds.guidelines.profiles.site.thresholds.thyroid.tsh-upper instead");
        }

        @Test
        @DisplayName("Should name the new key of the short-cervix limit, renamed in its group")
        void namesRenamedKey() {
            // given a site that still sets the short-cervix limit by its 1.x name
            // when
            FailureAnalysis analysis = bindAndAnalyzeSiteWith("thresholds.cervix.short-mm", "20");

            // then
            assertThat(analysis.getDescription())
                    .contains("cds.guidelines.profiles.site.thresholds.cervix.short-mm is renamed")
                    .contains("set cds.guidelines.profiles.site.thresholds.cervix.short-length-mm instead");
        }

        @Test
        @DisplayName("Should know where every former threshold went, each to a limit there is")
        void mapsEveryFormerName() {
            var current = site().keySet().stream()
                    .filter(name -> name.startsWith(AT + "thresholds."))
                    .map(name -> name.substring((AT + "thresholds.").length()))
                    .toList();
            // the 29 flat thresholds there were; limits added since have no former name
            assertThat(BindingFailureAnalyzer.FORMER_THRESHOLDS).hasSize(29);
            assertThat(current).containsAll(BindingFailureAnalyzer.FORMER_THRESHOLDS.values());
            assertThat(current).containsAll(BindingFailureAnalyzer.RENAMED_THRESHOLDS.values());
        }
    }

    @Nested
    @DisplayName("a value a settings record's own check refuses")
    class Checked {

        final ApplicationContextRunner context = new ApplicationContextRunner()
                .withInitializer(new ConfigDataApplicationContextInitializer())
                .withConfiguration(AutoConfigurations.of(ConfigurationPropertiesAutoConfiguration.class))
                .withUserConfiguration(SettingsConfiguration.class);

        @ParameterizedTest(name = "{0}")
        @CsvSource(
                delimiter = '|',
                value = {
                    "cds.ui.snooze-days-by-reason.already-addressed=30 | cds.ui.snooze-days-by-reason.already-addressed is not an override reason the cards offer; they offer action-completed,",
                    "cds.ui.snooze-days=-2 | cds.ui.snooze-days must be 0 or more, is -2"
                })
        @DisplayName("Should stop the start with the check's words alone, no exception or stack trace")
        void reportsTheCheck(String setting, String report) {
            context.withPropertyValues(setting).run(ctx -> {
                // given the start refused
                assertThat(ctx).hasFailed();

                // when
                FailureAnalysis analysis = new BindingFailureAnalyzer().analyze(ctx.getStartupFailure());

                // then
                assertThat(analysis).isNotNull();
                assertThat(analysis.getDescription()).startsWith(report).doesNotContain("\tat ", "Exception");
                assertThat(analysis.getAction()).contains("docs/configuration.md");
            });
        }
    }

    @Nested
    @DisplayName("a name or a value the binder cannot take")
    class Unreadable {

        final ApplicationContextRunner context = new ApplicationContextRunner()
                .withInitializer(new ConfigDataApplicationContextInitializer())
                .withConfiguration(AutoConfigurations.of(ConfigurationPropertiesAutoConfiguration.class))
                .withUserConfiguration(SettingsConfiguration.class);

        @ParameterizedTest(name = "{0}")
        @CsvSource(
                delimiter = '|',
                quoteCharacter = '"',
                value = {
                    "cds.ui.unit=si | cds.ui.unit is not a setting of the service; cds.ui has aggregate-workup, units,"
                            + " snooze-days, snooze-days-by-reason | docs/configuration.md",
                    "cds.guidelines.profiles.ESHRE2022.thresholds.thyroid.tsh-uper=4"
                            + " | cds.guidelines.profiles.ESHRE2022.thresholds.thyroid.tsh-uper is not a setting of the"
                            + " service; cds.guidelines.profiles.ESHRE2022.thresholds.thyroid has tsh-upper,"
                            + " | docs/configuration.md",
                    "cds.ui.units=metric | cds.ui.units: 'metric' is not one of conventional, si | docs/configuration.md",
                    "cds.fallback.total-timeout=soon"
                            + " | cds.fallback.total-timeout: 'soon' is not a duration (such as 500ms, 2s or 1h)"
                            + " | docs/configuration.md",
                    "cds.guidelines.profiles.ESHRE2022.thresholds.thyroid.tsh-upper=high"
                            + " | cds.guidelines.profiles.ESHRE2022.thresholds.thyroid.tsh-upper: 'high' is not a number"
                            + " | guideline-profiles.yml",
                    "cds.security.clock-skew=1 minute"
                            + " | cds.security.clock-skew: '1 minute' is not a duration | Secure it"
                })
        @DisplayName("Should name the setting as written and what it takes, with the documentation section to read")
        void namesTheSettingAndWhatItTakes(String setting, String report, String action) {
            context.withPropertyValues(setting).run(ctx -> {
                // given the start refused
                assertThat(ctx).hasFailed();

                // when
                FailureAnalysis analysis = new BindingFailureAnalyzer().analyze(ctx.getStartupFailure());

                // then
                assertThat(analysis).isNotNull();
                assertThat(analysis.getDescription()).startsWith(report).doesNotContain("Exception", "Bindable");
                assertThat(analysis.getAction()).contains(action);
            });
        }
    }

    @Test
    @DisplayName("Should leave a failure outside cds.* to Spring Boot's own report")
    void leavesOtherFailures() {
        assertThat(new BindingFailureAnalyzer().analyze(new IllegalStateException("port in use")))
                .isNull();
    }
}
