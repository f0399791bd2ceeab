package org.rplcds.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rplcds.rules.RuleSpec.givenPregnantAt;
import static org.rplcds.rules.RuleSpec.headline;
import static org.rplcds.rules.RuleSpec.markdown;
import static org.rplcds.support.Fhir.ICD10CM;
import static org.rplcds.support.Fhir.SNOMED;
import static org.rplcds.support.Fhir.activeCondition;
import static org.rplcds.support.Fhir.condition;

import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.MedicationRequest.MedicationRequestStatus;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.rplcds.support.FhirOrders;
import org.rplcds.support.Profiles;

@DisplayName("RPL-28 aspirin to prevent pre-eclampsia")
class Rpl28AspirinForPreeclampsiaTest {

    final Recommendation rule = new Rpl28AspirinForPreeclampsia();

    static IBaseResource hypertension() {
        return activeCondition("htn", "p1", ICD10CM, "I10", "2022-03-01");
    }

    static IBaseResource aspirin(MedicationRequestStatus status) {
        return FhirOrders.prescription(
                "asa", "p1", status, FhirOrders.RXNORM, "243670", "aspirin 81 MG Oral Tablet", "2025-05-20");
    }

    static IBaseResource enoxaparin(MedicationRequestStatus status) {
        return FhirOrders.prescription(
                "lmwh",
                "p1",
                status,
                FhirOrders.RXNORM,
                "854235",
                "0.4 ML enoxaparin sodium 100 MG/ML Prefilled Syringe",
                "2025-05-20");
    }

    List<Finding> pregnantAt(int weeks, int days, IBaseResource... more) {
        return givenPregnantAt(weeks, days, more).when(rule).findings();
    }

    @Nested
    @DisplayName("the risk factors of NICE NG133")
    class Risks {

        @Test
        @DisplayName("Should warn at 13+0 weeks with chronic hypertension and offer aspirin 150 mg at night")
        void hypertensionAt13Weeks() {
            // given
            // when
            List<Finding> findings = pregnantAt(13, 0, hypertension());

            // then
            Finding f = headline(
                    findings,
                    "RPL-28",
                    Indicator.WARNING,
                    "Chronic hypertension, pregnant at 13+0 weeks: low-dose aspirin daily from 12 weeks until birth to"
                            + " prevent pre-eclampsia (NICE NG133).");
            assertThat(f.actions()).singleElement().satisfies(a -> {
                assertThat(a.concept().orElseThrow().code()).isEqualTo("1191");
                assertThat(a.text()).isEqualTo("150 mg at night until birth");
            });
            assertThat(markdown(f)).contains("Condition/htn").contains("bleeding disorders");
        }

        @Test
        @DisplayName("Should offer the 81 mg tablet daily under ASRM 2012")
        void asrmGives81Milligrams() {
            assertThat(givenPregnantAt(13, 0, hypertension())
                            .under(Profiles.ASRM2012)
                            .when(rule)
                            .card()
                            .actions())
                    .singleElement()
                    .satisfies(a -> {
                        assertThat(a.concept().orElseThrow().code()).isEqualTo("243670");
                        assertThat(a.text()).isEqualTo("81 mg daily until birth");
                    });
        }

        @Test
        @DisplayName(
                "Should name each risk factor: CKD, type 1 or 2 diabetes, lupus, an earlier hypertensive pregnancy")
        void namesEachRisk() {
            assertThat(pregnantAt(13, 0, activeCondition("ckd", "p1", ICD10CM, "N18.3", "2020-01-01")))
                    .singleElement()
                    .satisfies(f -> assertThat(f.summary()).startsWith("CKD, pregnant at 13+0 weeks"));
            assertThat(pregnantAt(13, 0, activeCondition("dm", "p1", ICD10CM, "E10.9", "2010-01-01")))
                    .singleElement()
                    .satisfies(f -> assertThat(f.summary()).startsWith("Diabetes, pregnant"));
            assertThat(pregnantAt(13, 0, activeCondition("sle", "p1", SNOMED, "55464009", "2018-01-01")))
                    .singleElement()
                    .satisfies(f -> assertThat(f.summary()).startsWith("Lupus, pregnant"));
            assertThat(pregnantAt(13, 0, condition("pet", "p1", ICD10CM, "O14.03", "2023-05-01")))
                    .singleElement()
                    .satisfies(f -> assertThat(f.summary()).startsWith("Earlier hypertensive pregnancy, pregnant"));
        }

        @Test
        @DisplayName("Should name the first risk in NICE's order when she has several")
        void namesFirstRisk() {
            assertThat(pregnantAt(
                            13,
                            0,
                            condition("pet", "p1", ICD10CM, "O14.03", "2023-05-01"),
                            activeCondition("dm", "p1", ICD10CM, "E11.9", "2019-01-01")))
                    .singleElement()
                    .satisfies(f -> assertThat(f.summary()).startsWith("Diabetes, pregnant"));
        }

        @Test
        @DisplayName("Should not count gestational diabetes, heart failure or pre-eclampsia of this pregnancy")
        void otherConditionsAreNoRisk() {
            assertThat(pregnantAt(13, 0, activeCondition("gdm", "p1", ICD10CM, "O24.410", "2025-05-20")))
                    .isEmpty();
            assertThat(pregnantAt(13, 0, activeCondition("hf", "p1", ICD10CM, "I50.9", "2020-01-01")))
                    .isEmpty();
            assertThat(pregnantAt(20, 0, activeCondition("pet", "p1", ICD10CM, "O14.02", "2025-05-30")))
                    .isEmpty();
        }
    }

    @Nested
    @DisplayName("the window and what stops it")
    class Window {

        @Test
        @DisplayName("Should stay silent at 11+6 weeks and speak at 12+0")
        void from12Weeks() {
            assertThat(pregnantAt(11, 6, hypertension())).isEmpty();
            assertThat(pregnantAt(12, 0, hypertension())).hasSize(1);
        }

        @Test
        @DisplayName("Should speak at 27+6 weeks and stay silent at 28+0")
        void until28Weeks() {
            assertThat(pregnantAt(27, 6, hypertension())).hasSize(1);
            assertThat(pregnantAt(28, 0, hypertension())).isEmpty();
        }

        @Test
        @DisplayName("Should stay silent on active aspirin, and speak when it was stopped")
        void silentOnAspirin() {
            assertThat(pregnantAt(13, 0, hypertension(), aspirin(MedicationRequestStatus.ACTIVE)))
                    .isEmpty();
            assertThat(pregnantAt(13, 0, hypertension(), aspirin(MedicationRequestStatus.STOPPED)))
                    .hasSize(1);
        }

        @Test
        @DisplayName("Should leave APS in pregnancy to RPL-07, unless aspirin and heparin are both active")
        void apsIsRpl07s() {
            IBaseResource aps = activeCondition("aps", "p1", ICD10CM, "D68.61", "2024-06-01");
            assertThat(pregnantAt(13, 0, aps, hypertension())).isEmpty();
            assertThat(pregnantAt(13, 0, aps, hypertension(), enoxaparin(MedicationRequestStatus.ACTIVE)))
                    .isEmpty();
        }

        @Test
        @DisplayName("Should stay silent outside pregnancy")
        void silentOutsidePregnancy() {
            assertThat(RuleSpec.givenRpl(hypertension()).when(rule).findings()).isEmpty();
        }
    }
}
