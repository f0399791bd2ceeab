package org.rplcds.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rplcds.rules.RuleSpec.given;
import static org.rplcds.rules.RuleSpec.headline;
import static org.rplcds.support.Fhir.ICD10CM;
import static org.rplcds.support.Fhir.SNOMED;
import static org.rplcds.support.Fhir.activeCondition;
import static org.rplcds.support.Fhir.condition;
import static org.rplcds.support.Fhir.woman;

import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.rplcds.support.Fhir;
import org.rplcds.support.FhirOrders;
import org.rplcds.support.Profiles;

@DisplayName("RPL-20 male partner evaluation")
class Rpl20PartnerEvaluationTest {

    final Recommendation rule = new Rpl20PartnerEvaluation();

    /** A woman with three consecutive first-trimester losses and the resources given. */
    List<Finding> threeLosses(GuidelineProfile profile, IBaseResource... more) {
        List<IBaseResource> resources = new ArrayList<>(List.of(
                woman("p1", "1990-01-01"),
                condition("loss-1", "p1", SNOMED, "19169002", "2021-02-01"),
                condition("loss-2", "p1", SNOMED, "19169002", "2022-04-01"),
                condition("loss-3", "p1", SNOMED, "19169002", "2023-09-01")));
        resources.addAll(List.of(more));
        return given(resources).under(profile).when(rule).findings();
    }

    @Nested
    @DisplayName("under the source text, where the evaluation is on")
    class UnderSource {

        @Test
        @DisplayName("Should fire for three consecutive losses outside pregnancy")
        void firesForRpl() {
            // given
            // when
            List<Finding> findings = threeLosses(Profiles.SOURCE);

            // then
            String summary = "Consider male partner evaluation (semen analysis; karyotype).";
            Finding f = headline(findings, "RPL-20", Indicator.INFO, summary);
            assertThat(f.actions()).isEmpty();
        }

        @Test
        @DisplayName("Should stay silent for two losses")
        void silentForTwoLosses() {
            assertThat(given(
                                    woman("p1", "1990-01-01"),
                                    condition("loss-1", "p1", SNOMED, "19169002", "2021-02-01"),
                                    condition("loss-2", "p1", SNOMED, "19169002", "2022-04-01"))
                            .under(Profiles.SOURCE)
                            .when(rule)
                            .findings())
                    .isEmpty();
        }

        @Test
        @DisplayName("Should stay silent for three losses broken by a live birth")
        void silentForNonConsecutiveLosses() {
            assertThat(given(
                                    woman("p1", "1990-01-01"),
                                    condition("loss-1", "p1", SNOMED, "19169002", "2019-02-01"),
                                    condition("loss-2", "p1", SNOMED, "19169002", "2020-04-01"),
                                    condition("birth", "p1", ICD10CM, "Z37.0", "2021-06-01"),
                                    condition("loss-3", "p1", SNOMED, "19169002", "2023-09-01"))
                            .under(Profiles.SOURCE)
                            .when(rule)
                            .findings())
                    .isEmpty();
        }

        @Test
        @DisplayName("Should fire for RPL recorded as a diagnosis")
        void firesForAssertedRpl() {
            assertThat(given(woman("p1", "1990-01-01"), activeCondition("rpl", "p1", ICD10CM, "N96", "2024-01-01"))
                            .under(Profiles.SOURCE)
                            .when(rule)
                            .findings())
                    .hasSize(1);
        }

        @Test
        @DisplayName("Should fire for a possible RPL whose order of losses is unknown")
        void firesForPossibleRpl() {
            assertThat(given(woman("p1", "1990-01-01"), Fhir.count("n", "p1", "11614-5", 3, "2024-01-01"))
                            .under(Profiles.SOURCE)
                            .when(rule)
                            .findings())
                    .hasSize(1);
        }

        @Test
        @DisplayName("Should stay silent in pregnancy")
        void silentInPregnancy() {
            assertThat(threeLosses(
                            Profiles.SOURCE, FhirOrders.pregnantAt("p1", 8, 0).toArray(IBaseResource[]::new)))
                    .isEmpty();
        }

        @Test
        @DisplayName("Should stay silent when the male partner has been tested (Z31.441)")
        void silentWhenPartnerTested() {
            assertThat(threeLosses(Profiles.SOURCE, condition("z31", "p1", ICD10CM, "Z31.441", "2024-02-01")))
                    .isEmpty();
        }
    }

    @Nested
    @DisplayName("where the profile turns it off")
    class WhenOff {

        @Test
        @DisplayName("Should never fire under ESHRE 2022")
        void neverUnderEshre() {
            assertThat(threeLosses(Profiles.ESHRE2022)).isEmpty();
        }

        @Test
        @DisplayName("Should never fire under RCOG 2023 or ASRM 2012")
        void neverUnderRcogOrAsrm() {
            assertThat(threeLosses(Profiles.RCOG2023)).isEmpty();
            assertThat(threeLosses(Profiles.ASRM2012)).isEmpty();
        }

        @Test
        @DisplayName("Should fire under ESHRE 2022 when a site turns partner evaluation on")
        void siteSettingTurnsItOn() {
            GuidelineProfile eshre = Profiles.ESHRE2022;
            GuidelineProfile site = new GuidelineProfile(
                    "SITE",
                    "site profile",
                    eshre.definition(),
                    eshre.minLosses(),
                    eshre.requireConsecutive(),
                    eshre.countBiochemical(),
                    eshre.viabilityWeeks(),
                    eshre.karyotypePolicy(),
                    true,
                    eshre.cerclageWindowStartDays(),
                    eshre.cerclageWindowEndDays(),
                    eshre.feverCelsius(),
                    eshre.thyroid(),
                    eshre.apl(),
                    eshre.thresholds(),
                    eshre.aspirin());

            assertThat(threeLosses(site)).hasSize(1);
        }
    }
}
