package org.rplcds.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rplcds.rules.RuleSpec.given;
import static org.rplcds.support.Fhir.ICD10CM;
import static org.rplcds.support.Fhir.SNOMED;
import static org.rplcds.support.Fhir.activeCondition;
import static org.rplcds.support.Fhir.condition;
import static org.rplcds.support.Fhir.woman;

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
import org.rplcds.support.Profiles;

@DisplayName("RPL-23 low-value tests and treatments, while the orders are written (order-select, order-sign)")
class Rpl23LowValueCareAtOrderingTest {

    final OrderAdvice rule = new Rpl23LowValueDrafts();

    /** A woman with two losses (RPL under ESHRE 2022), nothing investigated, and the resources given. */
    static List<IBaseResource> withRpl(IBaseResource... more) {
        List<IBaseResource> resources = new ArrayList<>(List.of(
                woman("p1", "1990-01-01"),
                condition("loss-1", "p1", SNOMED, "19169002", "2023-02-01"),
                condition("loss-2", "p1", SNOMED, "19169002", "2024-04-01")));
        resources.addAll(List.of(more));
        return resources;
    }

    /** The same woman after a complete normal evaluation: unexplained RPL. */
    static List<IBaseResource> unexplained(IBaseResource... more) {
        List<IBaseResource> resources = new ArrayList<>(Rpl21UnexplainedLossTest.normalWorkUp());
        resources.addAll(List.of(more));
        return withRpl(resources.toArray(IBaseResource[]::new));
    }

    /** Unexplained RPL in a pregnancy at weeks+days, with a TSH of this pregnancy. */
    static List<IBaseResource> unexplainedPregnantAt(int weeks, int days, IBaseResource... more) {
        List<IBaseResource> resources = new ArrayList<>(FhirOrders.pregnantAt("p1", weeks, days));
        resources.add(Fhir.quantity("tsh-pregnancy", "p1", "3016-3", "1.9", "m[IU]/L", "2025-04-15"));
        resources.addAll(List.of(more));
        return unexplained(resources.toArray(IBaseResource[]::new));
    }

    static IBaseResource draft(String id, String text) {
        return FhirOrders.orderText(id, "p1", ServiceRequestStatus.DRAFT, text, "2025-06-01");
    }

    static IBaseResource aspirin() {
        return FhirOrders.prescription(
                "asa",
                "p1",
                MedicationRequestStatus.DRAFT,
                FhirOrders.RXNORM,
                "1191",
                "aspirin 75 mg tablet",
                "2025-06-01");
    }

    static IBaseResource enoxaparin() {
        return FhirOrders.prescriptionText(
                "lmwh", "p1", MedicationRequestStatus.DRAFT, "enoxaparin 40 mg subcutaneous daily", "2025-06-01");
    }

    static IBaseResource hypertension() {
        return activeCondition("htn", "p1", ICD10CM, "I10", "2020-01-01");
    }

    @Nested
    @DisplayName("a draft test of low value")
    class LowValueTests {

        @Test
        @DisplayName("Should name the draft NK-cell assay and the guideline, and suggest deleting that draft")
        void namesTheDraftAndSuggestsDeletingIt() {
            // given
            var patient = given(withRpl());

            // when
            Finding card =
                    patient.whenOrdering(rule, draft("nk-1", "NK-cell assay")).card();

            // then
            assertThat(card.summary())
                    .isEqualTo("Not recommended for recurrent pregnancy loss (ESHRE 2022): NK-cell assay.");
            assertThat(card.indicator()).isEqualTo(Indicator.INFO);
            assertThat(card.actions()).singleElement().satisfies(a -> {
                assertThat(a.kind()).isEqualTo(ProposedAction.Kind.REMOVE);
                assertThat(a.target()).contains("ServiceRequest/nk-1");
                assertThat(a.concept()).isEmpty();
            });
        }

        @Test
        @DisplayName("Should name what the drafts are when their own names do not fit in one summary")
        void namesTheKindsWhenTheNamesAreTooLong() {
            // given
            var patient = given(withRpl());

            // when
            Finding card = patient.whenOrdering(
                            rule,
                            draft(
                                    "nk",
                                    "Natural killer cell (CD56+/CD16+) quantification and cytotoxicity, peripheral blood"),
                            draft("hla", "HLA class I and II typing of both partners, high resolution"))
                    .card();

            // then
            assertThat(card.summary())
                    .isEqualTo(
                            "Not recommended for recurrent pregnancy loss (ESHRE 2022): NK-cell testing, HLA typing.");
            assertThat(card.actions())
                    .extracting(a -> a.target().orElseThrow())
                    .containsExactly("ServiceRequest/nk", "ServiceRequest/hla");
        }

        @Test
        @DisplayName("Should name RCOG 2023 under the RCOG profile")
        void namesTheProfilesGuideline() {
            // given
            var patient = given(withRpl()).under(Profiles.RCOG2023);

            // when
            Finding card =
                    patient.whenOrdering(rule, draft("hla", "HLA typing")).card();

            // then
            assertThat(card.summary())
                    .isEqualTo("Not recommended for recurrent pregnancy loss (RCOG 2023): HLA typing.");
        }

        @Test
        @DisplayName("Should speak about the drafts only, not about low-value orders already on the chart")
        void readsTheDraftsNotTheChart() {
            // given an active NK-cell order on the chart
            var patient = given(withRpl(
                    FhirOrders.orderText("old", "p1", ServiceRequestStatus.ACTIVE, "NK cell panel", "2025-01-01")));

            // when
            Finding card = patient.whenOrdering(rule, draft("asab", "Anti-sperm antibodies"))
                    .card();

            // then
            assertThat(card.actions()).extracting(a -> a.target().orElseThrow()).containsExactly("ServiceRequest/asab");
        }

        @Test
        @DisplayName("Should give no card for a draft that is not of low value")
        void silentForAnOrdinaryDraft() {
            // given
            var patient = given(withRpl());

            // when
            var then = patient.whenOrdering(rule, draft("cbc", "Full blood count"));

            // then
            then.noCard();
        }

        @Test
        @DisplayName(
                "Should offer antiphospholipid tests in place of an inherited-thrombophilia panel when aPL were never tested")
        void offersAntiphospholipidTestsInstead() {
            // given
            var patient = given(withRpl());

            // when
            Finding card = patient.whenOrdering(rule, draft("thr", "Inherited thrombophilia panel"))
                    .card();

            // then
            assertThat(card.actions()).singleElement().satisfies(a -> {
                assertThat(a.kind()).isEqualTo(ProposedAction.Kind.REMOVE);
                assertThat(a.target()).contains("ServiceRequest/thr");
                assertThat(a.concept()).contains(Rpl23LowValueDrafts.ANTIPHOSPHOLIPID_TESTS);
            });
        }

        @Test
        @DisplayName("Should only suggest deleting the thrombophilia panel when aPL were tested")
        void onlyDeletesWhenAntiphospholipidsWereTested() {
            // given
            var patient = given(unexplained());

            // when
            Finding card = patient.whenOrdering(rule, draft("thr", "Inherited thrombophilia panel"))
                    .card();

            // then
            assertThat(card.actions()).singleElement().satisfies(a -> assertThat(a.concept())
                    .isEmpty());
        }

        @Test
        @DisplayName("Should give no card for a thrombophilia panel after a venous thromboembolism")
        void silentForThrombophiliaAfterThrombosis() {
            // given
            var patient = given(withRpl(condition("dvt", "p1", ICD10CM, "I82.401", "2018-07-01")));

            // when
            var then = patient.whenOrdering(rule, draft("thr", "Inherited thrombophilia panel"));

            // then
            then.noCard();
        }
    }

    @Nested
    @DisplayName("a draft aspirin or heparin")
    class AspirinAndHeparin {

        @Test
        @DisplayName("Should flag aspirin in unexplained RPL without APS")
        void flagsAspirinInUnexplainedRpl() {
            // given
            var patient = given(unexplained());

            // when
            Finding card = patient.whenOrdering(rule, aspirin()).card();

            // then
            assertThat(card.summary())
                    .isEqualTo("Not recommended for recurrent pregnancy loss (ESHRE 2022): aspirin 75 mg tablet.");
            assertThat(card.actions()).singleElement().satisfies(a -> assertThat(a.target())
                    .contains("MedicationRequest/asa"));
        }

        @Test
        @DisplayName("Should flag heparin in unexplained RPL without APS")
        void flagsHeparin() {
            // given
            var patient = given(unexplained());

            // when
            Finding card = patient.whenOrdering(rule, enoxaparin()).card();

            // then
            assertThat(card.actions()).singleElement().satisfies(a -> assertThat(a.target())
                    .contains("MedicationRequest/lmwh"));
        }

        @Test
        @DisplayName("Should give no card for aspirin or heparin while the work-up is not complete (not unexplained)")
        void silentWhileNotUnexplained() {
            // given
            var patient = given(withRpl());

            // when
            var then = patient.whenOrdering(rule, aspirin(), enoxaparin());

            // then
            then.noCard();
        }

        @Test
        @DisplayName("Should give no card for aspirin from 12+0 weeks with chronic hypertension on record")
        void silentForAspirinFromTwelveWeeksWithARiskFactor() {
            // given
            var patient = given(unexplainedPregnantAt(12, 0, hypertension()));

            // when
            var then = patient.whenOrdering(rule, aspirin());

            // then
            then.noCard();
        }

        @Test
        @DisplayName("Should flag aspirin at 11+6 weeks even with chronic hypertension on record")
        void flagsAspirinBeforeTwelveWeeks() {
            // given
            var patient = given(unexplainedPregnantAt(11, 6, hypertension()));

            // when
            Finding card = patient.whenOrdering(rule, aspirin()).card();

            // then
            assertThat(card.ruleId()).isEqualTo("RPL-23");
        }

        @Test
        @DisplayName("Should flag aspirin from 12+0 weeks without a pre-eclampsia risk factor")
        void flagsAspirinFromTwelveWeeksWithoutARiskFactor() {
            // given
            var patient = given(unexplainedPregnantAt(12, 0));

            // when
            Finding card = patient.whenOrdering(rule, aspirin()).card();

            // then
            assertThat(card.ruleId()).isEqualTo("RPL-23");
        }

        @Test
        @DisplayName("Should give no card for aspirin from 12 weeks with lupus (autoimmune disease) on record")
        void silentForAspirinWithLupus() {
            // given
            var patient =
                    given(unexplainedPregnantAt(13, 0, activeCondition("sle", "p1", ICD10CM, "M32.9", "2019-01-01")));

            // when
            var then = patient.whenOrdering(rule, aspirin());

            // then
            then.noCard();
        }

        @Test
        @DisplayName("Should give no card for aspirin or heparin after a venous thromboembolism")
        void silentAfterThrombosis() {
            // given
            var patient = given(unexplained(condition("dvt", "p1", ICD10CM, "I82.401", "2018-07-01")));

            // when
            var then = patient.whenOrdering(rule, aspirin(), enoxaparin());

            // then
            then.noCard();
        }

        @Test
        @DisplayName("Should give no card for aspirin and heparin in APS: that treatment is indicated")
        void silentInAps() {
            // given
            var patient = given(unexplained(activeCondition("aps", "p1", ICD10CM, "D68.61", "2024-06-01")));

            // when
            List<Finding> cards = patient.ordering(aspirin(), enoxaparin());

            // then
            assertThat(cards).isEmpty();
        }
    }

    @Nested
    @DisplayName("a draft the patient-view cards would have suggested")
    class AlreadySuggested {

        @Test
        @DisplayName("Should give no card at all for a draft TSH when the thyroid work-up is missing")
        void silentForAMissingTsh() {
            // given
            var patient = given(withRpl());

            // when
            List<Finding> cards = patient.ordering(
                    FhirOrders.order("tsh", "p1", ServiceRequestStatus.DRAFT, Fhir.LOINC, "3016-3", "2025-06-01"));

            // then
            assertThat(cards).isEmpty();
        }
    }
}
