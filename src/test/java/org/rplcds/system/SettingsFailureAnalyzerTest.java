package org.rplcds.system;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;

@DisplayName("A setting refused by the service's own checks")
class SettingsFailureAnalyzerTest {

    final SettingsFailureAnalyzer analyzer = new SettingsFailureAnalyzer();

    @Test
    @DisplayName("Should report a check's own description and action, whatever wraps it")
    void reportsTheCheck() {
        // given
        var failure = new BeanCreationException(
                "trustedClients", new InvalidSettingException("cds.security.audience is not set", "Set it."));

        // when
        FailureAnalysis analysis = analyzer.analyze(failure);

        // then
        assertThat(analysis.getDescription()).isEqualTo("cds.security.audience is not set");
        assertThat(analysis.getAction()).isEqualTo("Set it.");
    }

    @Test
    @DisplayName("Should send a rule mode to the documentation's rule modes, by their heading")
    void sendsRuleModesToTheirSection() {
        FailureAnalysis analysis = analyzer.analyze(
                new IllegalStateException("cds.rules.RPL-99.mode: no recommendation has the id 'RPL-99'"));

        assertThat(analysis.getAction())
                .contains("the section \"Rule modes: on, silent or off\" of docs/governance.md");
    }

    @Test
    @DisplayName("Should say to choose one of the profiles for an unknown profile, not to set it")
    void choosesAProfile() {
        FailureAnalysis analysis = analyzer.analyze(new IllegalStateException(
                "cds.profile: unknown guideline profile 'NICE'; choose one of [ASRM2012, ESHRE2022]"));

        assertThat(analysis.getAction()).startsWith("Set cds.profile (CDS_PROFILE) to one of those profiles");
    }

    @Test
    @DisplayName("Should say to unset a guideline value given as an environment variable, and where to give it")
    void movesAnEnvironmentVariableToTheSiteFile() {
        FailureAnalysis analysis = analyzer.analyze(new IllegalStateException(
                "CDS_GUIDELINES_PROFILES_ESHRE2022_THRESHOLDS_THYROID_TSHUPPER: guideline profile values are set in"
                        + " configuration files"));

        assertThat(analysis.getAction())
                .startsWith("Unset CDS_GUIDELINES_PROFILES_ESHRE2022_THRESHOLDS_THYROID_TSHUPPER")
                .contains("The section \"A site's configuration, the container way\" of docs/governance.md");
    }

    @Test
    @DisplayName("Should leave failures that name no setting to Spring Boot")
    void leavesOthers() {
        assertThat(analyzer.analyze(new IllegalStateException("port in use"))).isNull();
    }
}
