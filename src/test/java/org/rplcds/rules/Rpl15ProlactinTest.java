package org.rplcds.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rplcds.rules.RuleSpec.given;
import static org.rplcds.rules.RuleSpec.headline;
import static org.rplcds.rules.RuleSpec.markdown;
import static org.rplcds.support.Fhir.ICD10CM;
import static org.rplcds.support.Fhir.SNOMED;
import static org.rplcds.support.Fhir.activeCondition;
import static org.rplcds.support.Fhir.condition;
import static org.rplcds.support.Fhir.woman;

import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.MedicationRequest.MedicationRequestStatus;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.ServiceRequest.ServiceRequestStatus;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.rplcds.support.Fhir;
import org.rplcds.support.FhirOrders;
import org.rplcds.support.Profiles;

@DisplayName("RPL-15 prolactin")
class Rpl15ProlactinTest {

    static final String SUMMARY =
            "Hyperprolactinaemia / cycle disorder with pregnancy loss. Check prolactin and treat if raised.";

    final Recommendation rule = new Rpl15Prolactin();

    /** A woman with the given number of consecutive first-trimester losses and the other resources. */
    List<Finding> withLosses(GuidelineProfile profile, int losses, IBaseResource... more) {
        List<IBaseResource> resources = new ArrayList<>(List.of(woman("p1", "1990-01-01")));
        for (int i = 0; i < losses; i++) {
            resources.add(condition("loss-" + i, "p1", SNOMED, "19169002", (2020 + i) + "-03-01"));
        }
        resources.addAll(List.of(more));
        return given(resources).under(profile).when(rule).findings();
    }

    static Observation prolactin(String value, String unit) {
        return Fhir.quantity("prl", "p1", "2842-3", value, unit, "2025-05-10");
    }

    static IBaseResource hyperprolactinaemia() {
        return activeCondition("hprl", "p1", ICD10CM, "E22.1", "2024-11-01");
    }

    static IBaseResource oligomenorrhoea() {
        return activeCondition("cycle", "p1", ICD10CM, "N91.4", "2024-06-01");
    }

    @Nested
    @DisplayName("after a pregnancy loss, with raised prolactin or the diagnosis")
    class RaisedProlactin {

        @Test
        @DisplayName("Should fire for prolactin 25.1 ng/mL, above the default limit of 25")
        void firesAboveLimit() {
            // given
            // when
            List<Finding> findings = withLosses(Profiles.ESHRE2022, 1, prolactin("25.1", "ng/mL"));

            // then
            Finding f = headline(findings, "RPL-15", Indicator.INFO, SUMMARY);
            assertThat(markdown(f)).contains("Observation/prl");
            assertThat(f.actions())
                    .singleElement()
                    .satisfies(a -> assertThat(a.concept().orElseThrow().code()).isEqualTo("2842-3"));
        }

        @Test
        @DisplayName("Should stay silent for prolactin 25 ng/mL")
        void silentAtLimit() {
            assertThat(withLosses(Profiles.ESHRE2022, 1, prolactin("25", "ng/mL")))
                    .isEmpty();
        }

        @Test
        @DisplayName("Should convert mIU/L: 531 is above 25 ng/mL, 530 is not")
        void convertsInternationalUnits() {
            assertThat(withLosses(Profiles.ESHRE2022, 1, prolactin("531", "m[IU]/L")))
                    .hasSize(1);
            assertThat(withLosses(Profiles.ESHRE2022, 1, prolactin("530", "m[IU]/L")))
                    .isEmpty();
        }

        @Test
        @DisplayName("Should prefer the lab's upper limit to the default")
        void prefersLabLimit() {
            assertThat(withLosses(Profiles.ESHRE2022, 1, FhirOrders.withUpperLimit(prolactin("22", "ng/mL"), "20")))
                    .hasSize(1);
            assertThat(withLosses(Profiles.ESHRE2022, 1, FhirOrders.withUpperLimit(prolactin("28", "ng/mL"), "30")))
                    .isEmpty();
        }

        @Test
        @DisplayName("Should fire for a hyperprolactinaemia diagnosis")
        void firesForDiagnosis() {
            assertThat(withLosses(Profiles.ESHRE2022, 1, hyperprolactinaemia()))
                    .singleElement()
                    .satisfies(f -> assertThat(markdown(f)).contains("Condition/hprl"));
        }

        @Test
        @DisplayName("Should fire for a prolactinoma")
        void firesForProlactinoma() {
            assertThat(withLosses(
                            Profiles.ESHRE2022, 1, activeCondition("adenoma", "p1", SNOMED, "134209002", "2024-11-01")))
                    .hasSize(1);
        }

        @Test
        @DisplayName("Should stay silent without any pregnancy loss")
        void silentWithoutLoss() {
            assertThat(withLosses(Profiles.ESHRE2022, 0, hyperprolactinaemia(), prolactin("60", "ng/mL")))
                    .isEmpty();
        }

        @Test
        @DisplayName("Should not suggest another prolactin when one is ordered")
        void noOrderWhenOrdered() {
            assertThat(withLosses(
                            Profiles.ESHRE2022,
                            1,
                            hyperprolactinaemia(),
                            FhirOrders.order(
                                    "o", "p1", ServiceRequestStatus.ACTIVE, Fhir.LOINC, "2842-3", "2025-05-30")))
                    .singleElement()
                    .satisfies(f -> assertThat(f.actions()).isEmpty());
        }

        @Test
        @DisplayName("Should not suggest another prolactin when the latest is normal")
        void noOrderWhenLatestNormal() {
            assertThat(withLosses(Profiles.ESHRE2022, 1, hyperprolactinaemia(), prolactin("12", "ng/mL")))
                    .singleElement()
                    .satisfies(f -> assertThat(f.actions()).isEmpty());
        }
    }

    @Nested
    @DisplayName("with RPL and a cycle disorder")
    class CycleDisorder {

        @Test
        @DisplayName("Should fire for oligomenorrhoea when prolactin was never measured")
        void firesWithoutProlactin() {
            assertThat(withLosses(Profiles.ESHRE2022, 2, oligomenorrhoea()))
                    .singleElement()
                    .satisfies(f -> {
                        assertThat(f.summary()).isEqualTo(SUMMARY);
                        assertThat(markdown(f)).contains("Cycle disorder").contains("Condition/cycle");
                        assertThat(f.actions()).hasSize(1);
                    });
        }

        @Test
        @DisplayName("Should stay silent when a normal prolactin is on record")
        void silentWithNormalProlactin() {
            assertThat(withLosses(Profiles.ESHRE2022, 2, oligomenorrhoea(), prolactin("14", "ng/mL")))
                    .isEmpty();
        }

        @Test
        @DisplayName("Should stay silent for a cycle disorder after a single loss")
        void silentWithoutRpl() {
            assertThat(withLosses(Profiles.ESHRE2022, 1, oligomenorrhoea())).isEmpty();
        }

        @Test
        @DisplayName("Should need three consecutive losses under the source text")
        void sourceNeedsThreeLosses() {
            assertThat(withLosses(Profiles.SOURCE, 2, oligomenorrhoea())).isEmpty();
            assertThat(withLosses(Profiles.SOURCE, 3, oligomenorrhoea())).hasSize(1);
        }
    }

    @Nested
    @DisplayName("suppression")
    class Suppression {

        @Test
        @DisplayName("Should stay silent when cabergoline is active")
        void silentOnDopamineAgonist() {
            assertThat(withLosses(
                            Profiles.ESHRE2022,
                            1,
                            prolactin("60", "ng/mL"),
                            FhirOrders.prescriptionText(
                                    "cab",
                                    "p1",
                                    MedicationRequestStatus.ACTIVE,
                                    "Cabergoline 0.5 mg tablet, twice weekly",
                                    "2025-05-12")))
                    .isEmpty();
        }

        @Test
        @DisplayName("Should fire when bromocriptine was stopped")
        void firesWhenDopamineAgonistStopped() {
            assertThat(withLosses(
                            Profiles.ESHRE2022,
                            1,
                            prolactin("60", "ng/mL"),
                            FhirOrders.prescriptionText(
                                    "bromo",
                                    "p1",
                                    MedicationRequestStatus.STOPPED,
                                    "Bromocriptine 2.5 mg",
                                    "2024-01-12")))
                    .hasSize(1);
        }
    }
}
