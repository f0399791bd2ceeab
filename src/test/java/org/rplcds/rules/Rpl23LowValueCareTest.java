package org.rplcds.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rplcds.rules.RuleSpec.givenRpl;
import static org.rplcds.rules.RuleSpec.headline;
import static org.rplcds.support.Fhir.ICD10CM;
import static org.rplcds.support.Fhir.activeCondition;
import static org.rplcds.support.Fhir.condition;

import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.MedicationRequest.MedicationRequestStatus;
import org.hl7.fhir.r4.model.ServiceRequest.ServiceRequestStatus;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.rplcds.support.Fhir;
import org.rplcds.support.FhirOrders;

@DisplayName("RPL-23 low-value tests and treatments")
class Rpl23LowValueCareTest {

    final Recommendation rule = new Rpl23LowValueCare();

    /** A woman with two losses (RPL under ESHRE 2022), nothing investigated, and the resources given. */
    List<Finding> withRpl(IBaseResource... more) {
        return givenRpl(more).when(rule).findings();
    }

    /** The same woman after a complete normal evaluation: unexplained RPL. */
    List<Finding> unexplained(IBaseResource... more) {
        List<IBaseResource> resources = new ArrayList<>(Rpl21UnexplainedLossTest.normalWorkUp());
        resources.addAll(List.of(more));
        return withRpl(resources.toArray(IBaseResource[]::new));
    }

    /** Unexplained RPL in a pregnancy at weeks+days, with a TSH of this pregnancy. */
    List<Finding> unexplainedPregnantAt(int weeks, int days, IBaseResource... more) {
        List<IBaseResource> resources = new ArrayList<>(FhirOrders.pregnantAt("p1", weeks, days));
        resources.add(Fhir.quantity("tsh-pregnancy", "p1", "3016-3", "1.9", "m[IU]/L", "2025-04-15"));
        resources.addAll(List.of(more));
        return unexplained(resources.toArray(IBaseResource[]::new));
    }

    static IBaseResource order(String id, String text, ServiceRequestStatus status) {
        return FhirOrders.orderText(id, "p1", status, text, "2025-05-30");
    }

    static IBaseResource draft(String id, String text) {
        return order(id, text, ServiceRequestStatus.DRAFT);
    }

    static IBaseResource aspirin(MedicationRequestStatus status) {
        return FhirOrders.prescription(
                "asa", "p1", status, FhirOrders.RXNORM, "243670", "aspirin 81 MG Oral Tablet", "2025-05-30");
    }

    static IBaseResource enoxaparin() {
        return FhirOrders.prescription(
                "lmwh",
                "p1",
                MedicationRequestStatus.DRAFT,
                FhirOrders.RXNORM,
                "854235",
                "0.4 ML enoxaparin sodium 100 MG/ML Prefilled Syringe",
                "2025-05-30");
    }

    static IBaseResource venousThrombosis() {
        return condition("dvt", "p1", ICD10CM, "I82.401", "2018-07-01");
    }

    @Nested
    @DisplayName("immune and alloimmune tests")
    class ImmuneTests {

        @Test
        @DisplayName(
                "Should flag a draft NK-cell test, name it and its date, and offer to withdraw it by its own words")
        void flagsNkCellTest() {
            // given
            // when
            List<Finding> findings = withRpl(draft("nk", "Natural killer cell (CD56) panel, peripheral blood"));

            // then
            String summary = "Not recommended for recurrent pregnancy loss (ESHRE 2022): Natural killer cell (CD56)"
                    + " panel, perip…, ordered 2025-05-30.";
            Finding f = headline(findings, "RPL-23", Indicator.INFO, summary);
            assertThat(f.actions()).singleElement().satisfies(a -> {
                assertThat(a.kind()).isEqualTo(ProposedAction.Kind.REMOVE);
                assertThat(a.target()).contains("ServiceRequest/nk");
                assertThat(a.label()).isEqualTo("Withdraw Natural killer cell (CD56) panel, perip…");
                assertThat(a.text()).isEqualTo("Natural killer cell (CD56) panel, peripheral blood");
            });
        }

        @Test
        @DisplayName("Should flag HLA typing, anti-sperm and anti-endometrial antibodies, one withdrawal each")
        void flagsEachImmuneTest() {
            assertThat(withRpl(
                            draft("hla", "HLA typing, class I and II, couple"),
                            draft("asa-ab", "Anti-sperm antibodies"),
                            draft("aea", "Anti-endometrial antibodies")))
                    .singleElement()
                    .satisfies(f -> assertThat(f.actions())
                            .extracting(a -> a.target().orElseThrow())
                            .containsExactlyInAnyOrder(
                                    "ServiceRequest/hla", "ServiceRequest/asa-ab", "ServiceRequest/aea"));
        }

        @Test
        @DisplayName("Should flag an active order as well as a draft")
        void flagsActiveOrder() {
            assertThat(withRpl(order("hla", "HLA-DQ alpha typing", ServiceRequestStatus.ACTIVE)))
                    .hasSize(1);
        }

        @Test
        @DisplayName("Should not flag a completed or revoked order")
        void ignoresClosedOrders() {
            assertThat(withRpl(order("nk", "NK cell assay", ServiceRequestStatus.COMPLETED)))
                    .isEmpty();
            assertThat(withRpl(order("nk", "NK cell assay", ServiceRequestStatus.REVOKED)))
                    .isEmpty();
        }

        @Test
        @DisplayName("Should not flag a recommended test")
        void ignoresRecommendedTests() {
            assertThat(withRpl(draft("tsh", "TSH with reflex free T4"), draft("la", "Lupus anticoagulant screen")))
                    .isEmpty();
        }

        @Test
        @DisplayName("Should flag draft intravenous immune globulin")
        void flagsImmunotherapy() {
            assertThat(withRpl(FhirOrders.prescriptionText(
                            "ivig",
                            "p1",
                            MedicationRequestStatus.DRAFT,
                            "Immune globulin intravenous (human) 10% infusion",
                            "2025-05-30")))
                    .singleElement()
                    .satisfies(f -> assertThat(f.actions()).singleElement().satisfies(a -> assertThat(a.target())
                            .contains("MedicationRequest/ivig")));
        }
    }

    @Nested
    @DisplayName("inherited thrombophilia screening")
    class Thrombophilia {

        @Test
        @DisplayName("Should flag a thrombophilia panel without a thrombosis history")
        void flagsPanel() {
            assertThat(withRpl(draft("thr", "Inherited thrombophilia panel"))).hasSize(1);
        }

        @Test
        @DisplayName("Should flag factor V Leiden testing")
        void flagsFactorVLeiden() {
            assertThat(withRpl(draft("fvl", "Factor V Leiden mutation analysis")))
                    .hasSize(1);
        }

        @Test
        @DisplayName("Should not flag thrombophilia testing after a venous thrombosis")
        void indicatedAfterThrombosis() {
            assertThat(withRpl(draft("thr", "Inherited thrombophilia panel"), venousThrombosis()))
                    .isEmpty();
        }
    }

    @Nested
    @DisplayName("aspirin and heparin in unexplained RPL")
    class AspirinAndHeparin {

        @Test
        @DisplayName("Should flag active aspirin in unexplained RPL without APS, offering a review and never a delete")
        void flagsAspirin() {
            assertThat(unexplained(aspirin(MedicationRequestStatus.ACTIVE)))
                    .singleElement()
                    .satisfies(f -> assertThat(f.actions()).singleElement().satisfies(a -> {
                        assertThat(a.kind()).isEqualTo(ProposedAction.Kind.SERVICE_REQUEST);
                        assertThat(a.target()).isEmpty();
                        assertThat(a.label()).isEqualTo("Review aspirin 81 MG Oral Tablet with the prescriber");
                    }));
        }

        @Test
        @DisplayName("Should offer to withdraw a draft aspirin in unexplained RPL, by its own words")
        void withdrawsDraftAspirin() {
            assertThat(unexplained(aspirin(MedicationRequestStatus.DRAFT)))
                    .singleElement()
                    .satisfies(f -> assertThat(f.actions()).singleElement().satisfies(a -> {
                        assertThat(a.kind()).isEqualTo(ProposedAction.Kind.REMOVE);
                        assertThat(a.target()).contains("MedicationRequest/asa");
                        assertThat(a.label()).isEqualTo("Withdraw aspirin 81 MG Oral Tablet");
                    }));
        }

        @Test
        @DisplayName("Should not flag aspirin while the evaluation is incomplete")
        void ignoresAspirinBeforeEvaluation() {
            assertThat(withRpl(aspirin(MedicationRequestStatus.ACTIVE))).isEmpty();
        }

        @Test
        @DisplayName("Should not flag aspirin with antiphospholipid syndrome")
        void ignoresAspirinWithAps() {
            assertThat(unexplained(
                            aspirin(MedicationRequestStatus.ACTIVE),
                            activeCondition("aps", "p1", ICD10CM, "D68.61", "2024-12-01")))
                    .isEmpty();
        }

        @Test
        @DisplayName("Should not flag a completed aspirin course")
        void ignoresCompletedAspirin() {
            assertThat(unexplained(aspirin(MedicationRequestStatus.COMPLETED))).isEmpty();
        }

        @Test
        @DisplayName("Should flag aspirin at 11+6 weeks of pregnancy")
        void flagsAspirinBefore12Weeks() {
            assertThat(unexplainedPregnantAt(11, 6, aspirin(MedicationRequestStatus.ACTIVE)))
                    .hasSize(1);
        }

        @Test
        @DisplayName("Should still flag aspirin from 12+0 weeks without a pre-eclampsia risk factor")
        void flagsAspirinFrom12WeeksWithoutRisk() {
            assertThat(unexplainedPregnantAt(12, 0, aspirin(MedicationRequestStatus.ACTIVE)))
                    .hasSize(1);
        }

        @Test
        @DisplayName("Should not flag aspirin from 12+0 weeks with chronic hypertension, when it is indicated")
        void ignoresAspirinFrom12WeeksWithHypertension() {
            assertThat(unexplainedPregnantAt(
                            12,
                            0,
                            aspirin(MedicationRequestStatus.ACTIVE),
                            Fhir.activeCondition("htn", "p1", Fhir.ICD10CM, "I10", "2020-01-01")))
                    .isEmpty();
        }

        @Test
        @DisplayName("Should flag aspirin at 11+6 weeks even with chronic hypertension: not yet indicated")
        void flagsAspirinBefore12WeeksWithHypertension() {
            assertThat(unexplainedPregnantAt(
                            11,
                            6,
                            aspirin(MedicationRequestStatus.ACTIVE),
                            Fhir.activeCondition("htn", "p1", Fhir.ICD10CM, "I10", "2020-01-01")))
                    .hasSize(1);
        }

        @Test
        @DisplayName("Should flag heparin in unexplained RPL")
        void flagsHeparin() {
            assertThat(unexplained(enoxaparin())).hasSize(1);
        }

        @Test
        @DisplayName("Should not flag heparin after a venous thrombosis")
        void ignoresHeparinAfterThrombosis() {
            assertThat(unexplained(enoxaparin(), venousThrombosis())).isEmpty();
        }
    }

    @Nested
    @DisplayName("context and another indication")
    class ContextAndIndication {

        @Test
        @DisplayName("Should not judge HLA typing for a woman with no loss on record")
        void noLossNoCard() {
            assertThat(RuleSpec.given(
                                    Fhir.patient(
                                            "p1",
                                            org.hl7.fhir.r4.model.Enumerations.AdministrativeGender.FEMALE,
                                            "1990-01-01"),
                                    draft("hla", "HLA typing, class I and II"))
                            .when(rule)
                            .findings())
                    .isEmpty();
        }

        @Test
        @DisplayName("Should not judge HLA typing for a kidney donor (Z52.4)")
        void donorHlaTyping() {
            assertThat(withRpl(
                            draft("hla", "HLA typing, class I and II"),
                            activeCondition("donor", "p1", ICD10CM, "Z52.4", "2025-03-01")))
                    .isEmpty();
        }

        @Test
        @DisplayName("Should never judge HLA-B27, a single-allele test")
        void hlaB27() {
            assertThat(withRpl(draft("b27", "HLA-B27 antigen"))).isEmpty();
        }

        @Test
        @DisplayName("Should not judge an order whose reason is not a pregnancy loss")
        void otherReason() {
            var order = (org.hl7.fhir.r4.model.ServiceRequest) draft("hla", "HLA typing, class I and II");
            order.addReasonCode().addCoding().setSystem(ICD10CM).setCode("Z00.5");
            assertThat(withRpl(order)).isEmpty();
        }

        @Test
        @DisplayName("Should judge an order whose reason is a pregnancy loss, the loss coded")
        void lossReason() {
            var order = (org.hl7.fhir.r4.model.ServiceRequest) draft("hla", "HLA typing, class I and II");
            order.addReasonCode().addCoding().setSystem(ICD10CM).setCode("N96");
            assertThat(withRpl(order)).hasSize(1);
        }

        @Test
        @DisplayName("Should read a thrombophilia test by its LOINC code, whatever its name")
        void thrombophiliaByCode() {
            var order = (org.hl7.fhir.r4.model.ServiceRequest) draft("f5", "Genetic test");
            order.getCode().addCoding().setSystem(Fhir.LOINC).setCode("21667-1");
            assertThat(withRpl(order)).hasSize(1);
        }

        @Test
        @DisplayName("Should not judge a thrombophilia test with a family history of thrombosis")
        void familyHistory() {
            assertThat(withRpl(
                            draft("thrombophilia-1", "Inherited thrombophilia panel"),
                            activeCondition("fh", "p1", ICD10CM, "Z83.2", "2025-01-01")))
                    .isEmpty();
        }

        @Test
        @DisplayName("Should judge an active prednisolone by mouth: its own words, a review that tapers, no delete")
        void prednisolone() {
            var steroid = FhirOrders.prescription(
                    "pred",
                    "p1",
                    MedicationRequestStatus.ACTIVE,
                    FhirOrders.RXNORM,
                    "8638",
                    "prednisolone",
                    "2025-05-01");
            assertThat(withRpl(steroid)).singleElement().satisfies(f -> {
                assertThat(f.summary())
                        .isEqualTo(
                                "Prednisolone for recurrent pregnancy loss is not recommended (ESHRE 2022): it raises"
                                        + " the risk of diabetes, hypertension and PPROM.");
                assertThat(f.actions()).singleElement().satisfies(a -> {
                    assertThat(a.kind()).isEqualTo(ProposedAction.Kind.SERVICE_REQUEST);
                    assertThat(a.label())
                            .isEqualTo("Review with the prescriber; taper, do not stop abruptly after 3 weeks");
                });
            });
        }

        @Test
        @DisplayName("Should not judge prednisolone with lupus on record")
        void prednisoloneInLupus() {
            var steroid = FhirOrders.prescription(
                    "pred",
                    "p1",
                    MedicationRequestStatus.ACTIVE,
                    FhirOrders.RXNORM,
                    "8638",
                    "prednisolone",
                    "2025-05-01");
            assertThat(withRpl(steroid, activeCondition("sle", "p1", ICD10CM, "M32.9", "2020-01-01")))
                    .isEmpty();
        }

        @Test
        @DisplayName("Should never judge betamethasone")
        void betamethasone() {
            var steroid = FhirOrders.prescription(
                    "beta",
                    "p1",
                    MedicationRequestStatus.DRAFT,
                    FhirOrders.RXNORM,
                    "1514",
                    "betamethasone",
                    "2025-05-01");
            assertThat(withRpl(steroid)).isEmpty();
        }

        @Test
        @DisplayName("Should judge draft filgrastim, and not with neutropenia (D70.9) on record")
        void filgrastim() {
            var gcsf = FhirOrders.prescription(
                    "gcsf",
                    "p1",
                    MedicationRequestStatus.DRAFT,
                    FhirOrders.RXNORM,
                    "68442",
                    "filgrastim",
                    "2025-05-01");
            assertThat(withRpl(gcsf)).hasSize(1);
            assertThat(withRpl(gcsf, activeCondition("neut", "p1", ICD10CM, "D70.9", "2025-04-01")))
                    .isEmpty();
        }
    }
}
