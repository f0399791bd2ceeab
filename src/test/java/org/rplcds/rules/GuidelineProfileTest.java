package org.rplcds.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.rplcds.hooks.GuidelineProfiles;
import org.rplcds.support.Profiles;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.handler.NoUnboundElementsBindHandler;
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
    @DisplayName("Should give every profile the same laboratory thresholds, by name")
    void sharesThresholds() {
        assertThat(Profiles.SOURCE.thresholds()).isEqualTo(Profiles.ESHRE2022.thresholds());
        assertThat(Profiles.ESHRE2022.thresholds())
                .extracting(Thresholds::tshUpper, Thresholds::thyroidTestMonths, Thresholds::aclPositive)
                .containsExactly(new BigDecimal("4.0"), 12, new BigDecimal("40"));
    }

    @Nested
    @DisplayName("read from configuration")
    class Binding {

        /** The shipped ESHRE 2022 profile as flat properties, to be changed by the test. */
        Map<String, String> eshre() {
            Map<String, String> properties = new HashMap<>();
            String at = "cds.guidelines.profiles.SITE.";
            properties.put(at + "label", "site profile");
            properties.put(at + "definition.label", "ESHRE 2022");
            properties.put(at + "definition.url", "https://www.eshre.eu");
            properties.put(at + "min-losses", "2");
            properties.put(at + "require-consecutive", "false");
            properties.put(at + "count-biochemical", "true");
            properties.put(at + "viability-weeks", "24");
            properties.put(at + "karyotype-policy", "SELECTIVE");
            properties.put(at + "partner-evaluation", "false");
            properties.put(at + "cerclage-window-start-days", "84");
            properties.put(at + "cerclage-window-end-days", "104");
            properties.put(at + "fever-celsius", "38.0");
            Thresholds limits = Profiles.ESHRE2022.thresholds();
            for (var component : Thresholds.class.getRecordComponents()) {
                try {
                    properties.put(
                            at + "thresholds."
                                    + component
                                            .getName()
                                            .replaceAll("([a-z0-9])([A-Z])", "$1-$2")
                                            .toLowerCase(),
                            component.getAccessor().invoke(limits).toString());
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
            return properties;
        }

        GuidelineProfiles bind(Map<String, String> properties) {
            return new Binder(new MapConfigurationPropertySource(properties))
                    .bind(
                            "cds.guidelines",
                            Bindable.of(GuidelineProfiles.class),
                            new NoUnboundElementsBindHandler(BindHandler.DEFAULT))
                    .get();
        }

        @Test
        @DisplayName("Should name the profile by its key and read every value")
        void bindsEveryValue() {
            // given
            Map<String, String> properties = eshre();
            properties.put("cds.guidelines.profiles.SITE.thresholds.tsh-upper", "4.5");

            // when
            GuidelineProfile site = bind(properties).named("SITE").orElseThrow();

            // then
            assertThat(site.name()).isEqualTo("SITE");
            assertThat(site.thresholds().tshUpper()).isEqualByComparingTo("4.5");
            assertThat(site.thresholds().aplRepeatWeeks()).isEqualTo(12);
        }

        @Test
        @DisplayName("Should refuse a name it does not know")
        void refusesUnknownName() {
            Map<String, String> properties = eshre();
            properties.put("cds.guidelines.profiles.SITE.thresholds.ft4-high", "1.8");

            assertThatThrownBy(() -> bind(properties))
                    .isInstanceOf(BindException.class)
                    .hasRootCauseMessage(
                            "The elements [cds.guidelines.profiles.site.thresholds.ft4-high] were left unbound.");
        }

        @Test
        @DisplayName("Should refuse a profile that leaves a value out, naming it")
        void refusesMissingValue() {
            Map<String, String> properties = eshre();
            properties.remove("cds.guidelines.profiles.SITE.thresholds.tsh-overt");
            properties.remove("cds.guidelines.profiles.SITE.require-consecutive");

            assertThatThrownBy(() -> bind(properties))
                    .isInstanceOf(BindException.class)
                    .rootCause()
                    .hasMessageContaining("setting 'tsh-overt' is missing");
        }

        @Test
        @DisplayName("Should refuse a window of zero days")
        void refusesZeroWindow() {
            Map<String, String> properties = eshre();
            properties.put("cds.guidelines.profiles.SITE.thresholds.hb-max-age-days", "0");

            assertThatThrownBy(() -> bind(properties))
                    .rootCause()
                    .hasMessage("setting 'hb-max-age-days' must be above 0, is 0");
        }
    }
}
