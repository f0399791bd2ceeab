package org.rplcds.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rplcds.rules.RuleSpec.givenOneLoss;
import static org.rplcds.rules.RuleSpec.givenPregnantAt;
import static org.rplcds.rules.RuleSpec.givenRpl;
import static org.rplcds.rules.RuleSpec.headline;
import static org.rplcds.rules.RuleSpec.markdown;
import static org.rplcds.support.Fhir.ICD10CM;
import static org.rplcds.support.Fhir.SNOMED;
import static org.rplcds.support.Fhir.activeCondition;
import static org.rplcds.support.Fhir.condition;

import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.ServiceRequest.ServiceRequestStatus;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.rplcds.support.FhirOrders;

@DisplayName("RPL-22 chronic maternal disease")
class Rpl22MaternalDiseaseTest {

    final Recommendation rule = new Rpl22MaternalDisease();

    /** A woman pregnant at 12+0 weeks with the resources given. */
    List<Finding> pregnant(IBaseResource... more) {
        return givenPregnantAt(12, 0, more).when(rule).findings();
    }

    /** A woman with RPL under ESHRE 2022, not pregnant, with the resources given. */
    List<Finding> withRpl(IBaseResource... more) {
        return givenRpl(more).when(rule).findings();
    }

    static IBaseResource hypertension() {
        return activeCondition("htn", "p1", ICD10CM, "I10", "2020-03-01");
    }

    static IBaseResource referral(String text, ServiceRequestStatus status) {
        return FhirOrders.orderText("ref", "p1", status, text, "2025-05-20");
    }

    @Nested
    @DisplayName("active chronic disease")
    class Inclusion {

        @Test
        @DisplayName("Should suggest maternal-fetal medicine review for chronic hypertension in pregnancy")
        void hypertensionInPregnancy() {
            // given
            // when
            List<Finding> findings = pregnant(hypertension());

            // then
            String summary = "Chronic hypertensive disease in pregnancy. Arrange maternal-fetal medicine review.";
            Finding f = headline(findings, "RPL-22", Indicator.INFO, summary);
            assertThat(markdown(f)).contains("Condition/htn");
            assertThat(f.actions()).singleElement().satisfies(a -> {
                assertThat(a.kind()).isEqualTo(ProposedAction.Kind.SERVICE_REQUEST);
                assertThat(a.concept().orElseThrow().display())
                        .isEqualTo("Referral for maternal-fetal medicine review: chronic hypertensive disease");
            });
        }

        @Test
        @DisplayName("Should suggest pre-pregnancy review for chronic kidney disease with RPL")
        void kidneyDiseaseWithRpl() {
            assertThat(withRpl(activeCondition("ckd", "p1", ICD10CM, "N18.30", "2021-01-01")))
                    .singleElement()
                    .satisfies(f -> assertThat(f.summary())
                            .isEqualTo("Chronic renal disease with pregnancy loss. Arrange pre-pregnancy review."));
        }

        @Test
        @DisplayName("Should name chronic nephritic syndrome as renal disease")
        void nephriticSyndromeIsRenal() {
            assertThat(withRpl(activeCondition("n03", "p1", ICD10CM, "N03.2", "2021-01-01")))
                    .singleElement()
                    .satisfies(f -> assertThat(f.summary()).startsWith("Chronic renal disease"));
        }

        @Test
        @DisplayName("Should name heart failure as cardiac disease")
        void heartFailureIsCardiac() {
            assertThat(pregnant(activeCondition("hf", "p1", SNOMED, "84114007", "2022-01-01")))
                    .singleElement()
                    .satisfies(f -> assertThat(f.summary()).startsWith("Chronic cardiac disease in pregnancy."));
        }

        @Test
        @DisplayName("Should name every disease found in one card")
        void namesAllDiseases() {
            assertThat(pregnant(hypertension(), activeCondition("ckd", "p1", SNOMED, "709044004", "2021-01-01")))
                    .singleElement()
                    .satisfies(f -> assertThat(f.summary()).startsWith("Chronic renal/hypertensive disease"));
        }
    }

    @Nested
    @DisplayName("exclusions")
    class Exclusions {

        @Test
        @DisplayName("Should stay silent for resolved hypertension")
        void silentForResolvedDisease() {
            assertThat(pregnant(condition("htn", "p1", ICD10CM, "I10", "2020-03-01")))
                    .isEmpty();
        }

        @Test
        @DisplayName("Should stay silent after one loss outside pregnancy")
        void silentWithoutRplOrPregnancy() {
            assertThat(givenOneLoss(hypertension()).when(rule).findings()).isEmpty();
        }

        @Test
        @DisplayName("Should stay silent when a maternal-fetal medicine referral is active")
        void silentWhenReferred() {
            assertThat(pregnant(
                            hypertension(),
                            referral("Referral to maternal-fetal medicine", ServiceRequestStatus.ACTIVE)))
                    .isEmpty();
        }

        @Test
        @DisplayName("Should stay silent once the card's own referral is drafted")
        void silentForOwnDraftReferral() {
            assertThat(withRpl(
                            hypertension(),
                            referral(
                                    "Referral for pre-pregnancy review: chronic hypertensive disease",
                                    ServiceRequestStatus.DRAFT)))
                    .isEmpty();
        }

        @Test
        @DisplayName("Should stay silent when a specialist referral is active")
        void silentWhenSpecialistReferral() {
            assertThat(withRpl(
                            activeCondition("ckd", "p1", ICD10CM, "N18.4", "2021-01-01"),
                            referral("Nephrology outpatient referral", ServiceRequestStatus.ACTIVE)))
                    .isEmpty();
        }

        @Test
        @DisplayName("Should fire when the referral was revoked")
        void firesWhenReferralRevoked() {
            assertThat(pregnant(
                            hypertension(),
                            referral("Referral to maternal-fetal medicine", ServiceRequestStatus.REVOKED)))
                    .hasSize(1);
        }

        @Test
        @DisplayName("Should fire when the only order is not a referral")
        void firesForUnrelatedOrder() {
            assertThat(pregnant(
                            hypertension(), referral("Urine albumin/creatinine ratio", ServiceRequestStatus.ACTIVE)))
                    .hasSize(1);
        }
    }
}
