package org.rplcds.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Guideline profiles")
class GuidelineProfileTest {

    @Test
    @DisplayName("Should ship the four profiles with the parameters where guidelines differ")
    void shipsFourProfiles() {
        assertThat(GuidelineProfile.ESHRE2022)
                .extracting(
                        GuidelineProfile::minLosses,
                        GuidelineProfile::requireConsecutive,
                        GuidelineProfile::countBiochemical,
                        GuidelineProfile::viabilityWeeks,
                        GuidelineProfile::karyotypePolicy,
                        GuidelineProfile::partnerEvaluation)
                .containsExactly(2, false, true, 24, KaryotypePolicy.SELECTIVE, false);
        assertThat(GuidelineProfile.SOURCE)
                .extracting(
                        GuidelineProfile::minLosses,
                        GuidelineProfile::requireConsecutive,
                        GuidelineProfile::viabilityWeeks,
                        GuidelineProfile::cerclageWindowEndDays,
                        GuidelineProfile::feverCelsius,
                        GuidelineProfile::partnerEvaluation)
                .containsExactly(3, true, 28, 16 * 7 + 6, new BigDecimal("38.5"), true);
        assertThat(GuidelineProfile.RCOG2023.minLosses()).isEqualTo(3);
        assertThat(GuidelineProfile.ASRM2012.viabilityWeeks()).isEqualTo(20);
        assertThat(GuidelineProfile.named("eshre2022")).contains(GuidelineProfile.ESHRE2022);
    }

    @Test
    @DisplayName("Should apply site settings to parameters and thresholds by kebab-case name")
    void appliesSettings() {
        GuidelineProfile site = GuidelineProfile.ESHRE2022.with(Map.of(
                "min-losses", "3",
                "karyotype-policy", "routine",
                "fever-celsius", "38.3",
                "thresholds.tsh-upper", "4.5",
                "thresholds.hb-severe", "7.5"));

        assertThat(site.minLosses()).isEqualTo(3);
        assertThat(site.karyotypePolicy()).isEqualTo(KaryotypePolicy.ROUTINE);
        assertThat(site.feverCelsius()).isEqualByComparingTo("38.3");
        assertThat(site.thresholds().tshUpper()).isEqualByComparingTo("4.5");
        assertThat(site.thresholds().hbSevere()).isEqualByComparingTo("7.5");
        assertThat(site.thresholds().tshPregnantUpper()).isEqualByComparingTo("4.0");
        assertThat(site.name()).isEqualTo("ESHRE2022");
    }

    @Test
    @DisplayName("Should refuse an unknown setting or a value of the wrong type, naming it")
    void refusesBadSettings() {
        assertThatThrownBy(() -> GuidelineProfile.ESHRE2022.with(Map.of("min-loses", "3")))
                .hasMessageContaining("unknown setting 'min-loses'");
        assertThatThrownBy(() -> GuidelineProfile.ESHRE2022.with(Map.of("thresholds.tsh-upper", "high")))
                .hasMessageContaining("tsh-upper");
        assertThatThrownBy(() -> GuidelineProfile.ESHRE2022.with(Map.of("require-consecutive", "maybe")))
                .hasMessageContaining("require-consecutive");
    }
}
