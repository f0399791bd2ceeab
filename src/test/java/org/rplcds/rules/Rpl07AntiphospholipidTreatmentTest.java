package org.rplcds.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rplcds.rules.RuleSpec.codes;
import static org.rplcds.rules.RuleSpec.given;
import static org.rplcds.rules.RuleSpec.givenRpl;
import static org.rplcds.rules.RuleSpec.headline;
import static org.rplcds.support.Fhir.ICD10CM;
import static org.rplcds.support.Fhir.SNOMED;
import static org.rplcds.support.Fhir.activeCondition;
import static org.rplcds.support.Fhir.coded;
import static org.rplcds.support.Fhir.condition;
import static org.rplcds.support.Fhir.prescription;
import static org.rplcds.support.Fhir.woman;

import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.MedicationRequest.MedicationRequestStatus;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.rplcds.support.Fhir;
import org.rplcds.support.Profiles;

@DisplayName("RPL-07 antiphospholipid syndrome treatment")
class Rpl07AntiphospholipidTreatmentTest {

    static final String NOT_PREGNANT =
            "APS with RPL: plan low-dose aspirin before conception and heparin from a positive pregnancy test.";

    final Recommendation rule = new Rpl07AntiphospholipidTreatment();

    static IBaseResource aps() {
        return activeCondition("aps", "p1", ICD10CM, "D68.61", "2024-06-01");
    }

    /** APS diagnosed, pregnant at 7+0 weeks, no previous loss. */
    List<Finding> pregnantWithAps(IBaseResource... more) {
        List<IBaseResource> resources = new ArrayList<>(List.of(
                woman("p1", "1990-01-01"),
                aps(),
                activeCondition("preg", "p1", SNOMED, "77386006", "2025-05-10"),
                Fhir.dueDateFor("edd", "p1", 49)));
        resources.addAll(List.of(more));
        return given(resources).under(Profiles.ESHRE2022).when(rule).findings();
    }

    /** Two losses (RPL under ESHRE 2022), not pregnant, with the given APS evidence and therapy. */
    List<Finding> rplNotPregnant(IBaseResource... more) {
        return givenRpl(more).when(rule).findings();
    }

    static IBaseResource aspirin(MedicationRequestStatus status) {
        return prescription("asa", "p1", "243670", "aspirin 81 MG Oral Tablet", status, "2025-05-20");
    }

    static IBaseResource enoxaparin(MedicationRequestStatus status) {
        return prescription(
                "lmwh", "p1", "854235", "0.4 ML enoxaparin sodium 100 MG/ML Prefilled Syringe", status, "2025-05-20");
    }

    @Nested
    @DisplayName("in pregnancy")
    class InPregnancy {

        @Test
        @DisplayName("Should warn and suggest aspirin and enoxaparin when neither is active")
        void neither() {
            // given APS and a pregnancy at 7+0 weeks
            // when
            List<Finding> findings = pregnantWithAps();

            // then
            String summary = "APS in current pregnancy without aspirin or heparin. Start low-dose aspirin plus"
                    + " prophylactic LMWH.";
            Finding f = headline(findings, "RPL-07", Indicator.WARNING, summary);
            assertThat(codes(f)).containsExactly("243670", "854235");
        }

        @Test
        @DisplayName("Should say she is on aspirin and add only heparin when aspirin is active")
        void aspirinOnly() {
            // given APS, pregnant at 7+0 weeks, aspirin active
            // when
            List<Finding> findings = pregnantWithAps(aspirin(MedicationRequestStatus.ACTIVE));

            // then
            assertThat(findings).singleElement().satisfies(f -> {
                assertThat(f.summary())
                        .isEqualTo("APS in current pregnancy on aspirin without heparin. Add prophylactic LMWH.");
                assertThat(codes(f)).containsExactly("854235");
            });
        }

        @Test
        @DisplayName("Should say she is on heparin and add only aspirin when heparin is active")
        void heparinOnly() {
            // given APS, pregnant at 7+0 weeks, enoxaparin active
            // when
            List<Finding> findings = pregnantWithAps(enoxaparin(MedicationRequestStatus.ACTIVE));

            // then
            assertThat(findings).singleElement().satisfies(f -> {
                assertThat(f.summary())
                        .isEqualTo("APS in current pregnancy on heparin without aspirin. Add low-dose aspirin.");
                assertThat(codes(f)).containsExactly("243670");
            });
        }

        @Test
        @DisplayName("Should not fire when aspirin and heparin are both active")
        void both() {
            assertThat(pregnantWithAps(
                            aspirin(MedicationRequestStatus.ACTIVE), enoxaparin(MedicationRequestStatus.ACTIVE)))
                    .isEmpty();
        }

        @Test
        @DisplayName("Should recognise heparin written by name only")
        void heparinByName() {
            assertThat(pregnantWithAps(
                            aspirin(MedicationRequestStatus.ACTIVE),
                            prescription(
                                    "lmwh",
                                    "p1",
                                    null,
                                    "Dalteparin 5000 units subcutaneously daily",
                                    MedicationRequestStatus.ACTIVE,
                                    "2025-05-20")))
                    .isEmpty();
        }

        @Test
        @DisplayName("Should count a stopped prescription as not on therapy")
        void stopped() {
            assertThat(pregnantWithAps(
                            aspirin(MedicationRequestStatus.STOPPED), enoxaparin(MedicationRequestStatus.ACTIVE)))
                    .singleElement()
                    .satisfies(f -> assertThat(f.summary()).contains("without aspirin."));
        }

        @Test
        @DisplayName("Should warn without suggesting a drug a second time when it is only drafted")
        void drafted() {
            assertThat(pregnantWithAps(
                            aspirin(MedicationRequestStatus.ACTIVE), enoxaparin(MedicationRequestStatus.DRAFT)))
                    .singleElement()
                    .satisfies(f -> {
                        assertThat(f.indicator()).isEqualTo(Indicator.WARNING);
                        assertThat(f.actions()).isEmpty();
                    });
        }
    }

    @Nested
    @DisplayName("outside pregnancy, with RPL")
    class OutsidePregnancy {

        @Test
        @DisplayName("Should suggest planning aspirin before conception")
        void plan() {
            // given
            // when
            List<Finding> findings = rplNotPregnant(aps());

            // then
            assertThat(findings).singleElement().satisfies(f -> {
                assertThat(f.indicator()).isEqualTo(Indicator.INFO);
                assertThat(f.summary()).isEqualTo(NOT_PREGNANT);
                assertThat(codes(f)).containsExactly("243670");
            });
        }

        @Test
        @DisplayName("Should not fire when aspirin is active")
        void onAspirin() {
            assertThat(rplNotPregnant(aps(), aspirin(MedicationRequestStatus.ACTIVE)))
                    .isEmpty();
        }

        @Test
        @DisplayName("Should not fire when aspirin is drafted: the plan is documented")
        void planDocumented() {
            assertThat(rplNotPregnant(aps(), aspirin(MedicationRequestStatus.DRAFT)))
                    .isEmpty();
        }

        @Test
        @DisplayName("Should not fire without RPL or pregnancy")
        void noRpl() {
            assertThat(given(List.of(
                                    woman("p1", "1990-01-01"),
                                    condition("a", "p1", SNOMED, "19169002", "2024-01-01"),
                                    aps()))
                            .under(Profiles.ESHRE2022)
                            .when(rule)
                            .findings())
                    .isEmpty();
        }
    }

    @Nested
    @DisplayName("what confirms APS")
    class Confirmation {

        @Test
        @DisplayName("Should fire when the same antibody is positive twice 84 days apart")
        void persistentPositive() {
            assertThat(rplNotPregnant(
                            coded("la1", "p1", "15191-0", SNOMED, "10828004", "2025-01-10"),
                            coded("la2", "p1", "15191-0", SNOMED, "10828004", "2025-04-04")))
                    .extracting(Finding::ruleId)
                    .containsExactly("RPL-07");
        }

        @Test
        @DisplayName("Should not fire when the two positives are 83 days apart")
        void tooClose() {
            assertThat(rplNotPregnant(
                            coded("la1", "p1", "15191-0", SNOMED, "10828004", "2025-01-10"),
                            coded("la2", "p1", "15191-0", SNOMED, "10828004", "2025-04-03")))
                    .isEmpty();
        }

        @Test
        @DisplayName("Should not fire for an APS diagnosis that is no longer active")
        void resolvedDiagnosis() {
            assertThat(rplNotPregnant(condition("aps", "p1", ICD10CM, "D68.61", "2020-01-01")))
                    .isEmpty();
        }

        @Test
        @DisplayName("Should accept the SNOMED code for APS in pregnancy")
        void snomedInPregnancy() {
            assertThat(rplNotPregnant(activeCondition("aps", "p1", SNOMED, "72161000119100", "2024-01-01")))
                    .extracting(Finding::ruleId)
                    .containsExactly("RPL-07");
        }
    }
}
