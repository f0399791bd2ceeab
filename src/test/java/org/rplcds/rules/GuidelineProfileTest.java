package org.rplcds.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.rplcds.CdsSettings;
import org.rplcds.support.Profiles;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

@DisplayName("Guideline profiles")
class GuidelineProfileTest {

    @Test
    @DisplayName("Should ship the four profiles with the parameters where guidelines differ")
    void shipsFourProfiles() {
        assertThat(Profiles.SHIPPED.names()).containsExactly("ASRM2012", "ESHRE2022", "RCOG2023", "SOURCE");
        assertThat(Profiles.ESHRE2022)
                .extracting(
                        GuidelineProfile::minLosses,
                        GuidelineProfile::requireConsecutive,
                        GuidelineProfile::countBiochemical,
                        GuidelineProfile::viabilityWeeks,
                        GuidelineProfile::karyotypePolicy,
                        GuidelineProfile::partnerEvaluation)
                .containsExactly(2, false, true, 24, KaryotypePolicy.SELECTIVE, false);
        assertThat(Profiles.SOURCE)
                .extracting(
                        GuidelineProfile::minLosses,
                        GuidelineProfile::requireConsecutive,
                        GuidelineProfile::viabilityWeeks,
                        GuidelineProfile::cerclageWindowEndDays,
                        GuidelineProfile::feverCelsius,
                        GuidelineProfile::partnerEvaluation)
                .containsExactly(3, true, 28, 16 * 7 + 6, new BigDecimal("38.5"), true);
        assertThat(Profiles.RCOG2023.karyotypePolicy()).isEqualTo(KaryotypePolicy.POC_FIRST);
        assertThat(Profiles.ASRM2012.viabilityWeeks()).isEqualTo(20);
        assertThat(Profiles.SHIPPED.named("eshre2022")).contains(Profiles.ESHRE2022);
    }

    @Test
    @DisplayName("Should give every profile the same laboratory thresholds, by domain")
    void sharesThresholds() {
        assertThat(Profiles.SOURCE.thresholds()).isEqualTo(Profiles.ESHRE2022.thresholds());
        Thresholds limits = Profiles.ESHRE2022.thresholds();
        assertThat(limits.thyroid().tshUpper()).isEqualByComparingTo("4.0");
        assertThat(limits.thyroid().testMonths()).isEqualTo(12);
        assertThat(limits.apl().aclPositive()).isEqualByComparingTo("40");
        assertThat(limits.lifestyle().auditCPositive()).isEqualTo(3);
    }

    @Nested
    @DisplayName("read from configuration")
    class Binding {

        private static final String AT = "cds.guidelines.profiles.SITE.";

        /** The shipped ESHRE 2022 profile as flat properties, to be changed by the test. */
        Map<String, String> eshre() {
            return Profiles.properties(AT, Profiles.ESHRE2022);
        }

        CdsSettings.Guidelines bind(Map<String, String> properties) {
            return Profiles.bind(List.of(new MapConfigurationPropertySource(properties)));
        }

        @Test
        @DisplayName("Should name the profile by its key and read every value")
        void bindsEveryValue() {
            // given
            Map<String, String> properties = eshre();
            properties.put(AT + "thresholds.thyroid.tsh-upper", "4.5");

            // when
            GuidelineProfile site = bind(properties).named("SITE").orElseThrow();

            // then
            assertThat(site.name()).isEqualTo("SITE");
            assertThat(site.thresholds().thyroid().tshUpper()).isEqualByComparingTo("4.5");
            assertThat(site.thresholds().apl().repeatWeeks()).isEqualTo(12);
        }

        @Test
        @DisplayName("Should refuse a name it does not know")
        void refusesUnknownName() {
            Map<String, String> properties = eshre();
            properties.put(AT + "thresholds.thyroid.ft4-high", "1.8");

            assertThatThrownBy(() -> bind(properties))
                    .isInstanceOf(BindException.class)
                    .hasRootCauseMessage(
                            "The elements [cds.guidelines.profiles.site.thresholds.thyroid.ft4-high] were left unbound.");
        }

        @Test
        @DisplayName("Should refuse a profile that leaves a limit out")
        void refusesMissingValue() {
            Map<String, String> properties = eshre();
            properties.remove(AT + "thresholds.thyroid.tsh-overt");

            assertThatThrownBy(() -> bind(properties))
                    .isInstanceOf(BindException.class)
                    .rootCause()
                    .hasMessageContaining("thresholds.thyroid.tshOvert")
                    .hasMessageContaining("must not be null");
        }

        @Test
        @DisplayName("Should refuse a window of zero days, naming the limit by its group")
        void refusesZeroWindow() {
            Map<String, String> properties = eshre();
            properties.put(AT + "thresholds.anaemia.hb-max-age-days", "0");

            assertThatThrownBy(() -> bind(properties))
                    .rootCause()
                    .hasMessageContaining("thresholds.anaemia.hbMaxAgeDays")
                    .hasMessageContaining("must be greater than 0");
        }
    }
}
