package org.rplcds.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rplcds.rules.RuleSpec.given;
import static org.rplcds.rules.RuleSpec.givenOneLoss;
import static org.rplcds.rules.RuleSpec.givenPregnantAt;
import static org.rplcds.rules.RuleSpec.headline;
import static org.rplcds.rules.RuleSpec.markdown;
import static org.rplcds.support.Fhir.ICD10CM;
import static org.rplcds.support.Fhir.SNOMED;
import static org.rplcds.support.Fhir.activeCondition;
import static org.rplcds.support.Fhir.condition;
import static org.rplcds.support.Fhir.woman;

import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.MedicationRequest.MedicationRequestStatus;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.rplcds.support.FhirOrders;

@DisplayName("RPL-19 untreated genital infection")
class Rpl19GenitalInfectionTest {

    static final String POSITIVE = "10828004";
    static final String NEGATIVE = "260385009";

    final Recommendation rule = new Rpl19GenitalInfection();

    /** A woman pregnant at 12+0 weeks with the resources given. */
    List<Finding> pregnant(IBaseResource... more) {
        return givenPregnantAt(12, 0, more).when(rule).findings();
    }

    static IBaseResource test(String id, String loinc, String result, String date) {
        return FhirOrders.coded(id, "p1", loinc, SNOMED, result, date);
    }

    static IBaseResource positiveChlamydia() {
        return test("ct", "21613-5", POSITIVE, "2025-05-20");
    }

    static IBaseResource azithromycin(MedicationRequestStatus status, String authored) {
        return FhirOrders.prescription(
                "azi", "p1", status, FhirOrders.RXNORM, "18631", "azithromycin 1 g oral, single dose", authored);
    }

    @Nested
    @DisplayName("positive results and active diagnoses")
    class Inclusion {

        @Test
        @DisplayName("Should warn for a positive chlamydia test in pregnancy and suggest a test of cure")
        void warnsForPositiveChlamydia() {
            // given
            // when
            List<Finding> findings = pregnant(positiveChlamydia());

            // then
            String summary =
                    "Positive chlamydia result on 2025-05-20 not treated. Treat per susceptibility; treat partner; condoms until cured.";
            Finding f = headline(findings, "RPL-19", Indicator.WARNING, summary);
            assertThat(f.actions())
                    .singleElement()
                    .satisfies(a -> assertThat(a.concept().orElseThrow().code()).isEqualTo("21613-5"));
        }

        @Test
        @DisplayName("Should warn for positive gonorrhoea without a chlamydia test of cure")
        void warnsForGonorrhoea() {
            assertThat(pregnant(test("ng", "47387-6", POSITIVE, "2025-05-20")))
                    .singleElement()
                    .satisfies(f -> {
                        assertThat(f.summary()).startsWith("Positive gonorrhoea result on 2025-05-20");
                        assertThat(f.actions()).isEmpty();
                    });
        }

        @Test
        @DisplayName("Should warn for positive mycoplasma and bacterial vaginosis tests")
        void warnsForMycoplasmaAndBacterialVaginosis() {
            assertThat(pregnant(test("myco", "23301-5", POSITIVE, "2025-05-20")))
                    .singleElement()
                    .satisfies(f -> assertThat(f.summary()).startsWith("Positive mycoplasma result"));
            assertThat(pregnant(test("bv", "54145-8", POSITIVE, "2025-05-20")))
                    .singleElement()
                    .satisfies(f -> assertThat(f.summary()).startsWith("Positive bacterial vaginosis result"));
        }

        @Test
        @DisplayName("Should stay silent for a negative test")
        void silentForNegativeTest() {
            assertThat(pregnant(test("ct", "21613-5", NEGATIVE, "2025-05-20"))).isEmpty();
        }

        @Test
        @DisplayName("Should warn for an active chlamydia diagnosis")
        void warnsForActiveDiagnosis() {
            assertThat(pregnant(activeCondition("dx", "p1", ICD10CM, "A56.02", "2025-04-11")))
                    .singleElement()
                    .satisfies(f -> {
                        assertThat(f.summary()).startsWith("Positive chlamydia diagnosis on 2025-04-11 not treated.");
                        assertThat(markdown(f)).contains("Condition/dx");
                    });
        }

        @Test
        @DisplayName("Should stay silent for a resolved diagnosis")
        void silentForResolvedDiagnosis() {
            assertThat(pregnant(condition("dx", "p1", ICD10CM, "A56.02", "2025-04-11")))
                    .isEmpty();
        }

        @Test
        @DisplayName("Should warn for a sexually transmitted infection complicating pregnancy")
        void warnsForStiInPregnancy() {
            assertThat(pregnant(activeCondition("dx", "p1", ICD10CM, "O98.311", "2025-05-02")))
                    .singleElement()
                    .satisfies(f -> assertThat(f.summary()).startsWith("Positive sexually transmitted infection"));
        }

        @Test
        @DisplayName("Should name the most recent untreated infection")
        void namesMostRecent() {
            assertThat(pregnant(
                            test("ng", "47387-6", POSITIVE, "2025-03-03"),
                            test("ct", "21613-5", POSITIVE, "2025-05-20")))
                    .singleElement()
                    .satisfies(f -> {
                        assertThat(f.summary()).startsWith("Positive chlamydia result on 2025-05-20");
                        assertThat(markdown(f)).contains("Observation/ng").contains("Observation/ct");
                    });
        }
    }

    @Nested
    @DisplayName("who and when")
    class Scope {

        @Test
        @DisplayName("Should warn outside pregnancy when RPL is identified")
        void warnsWithRpl() {
            assertThat(given(
                                    woman("p1", "1990-01-01"),
                                    condition("loss-1", "p1", SNOMED, "19169002", "2023-02-01"),
                                    condition("loss-2", "p1", SNOMED, "19169002", "2024-04-01"),
                                    positiveChlamydia())
                            .when(rule)
                            .findings())
                    .hasSize(1);
        }

        @Test
        @DisplayName("Should stay silent outside pregnancy without RPL")
        void silentWithoutRplOrPregnancy() {
            assertThat(givenOneLoss(positiveChlamydia()).when(rule).findings()).isEmpty();
        }

        @Test
        @DisplayName("Should read a positive result 365 days old")
        void readsOneYearOld() {
            assertThat(pregnant(test("ct", "21613-5", POSITIVE, "2024-06-01"))).hasSize(1);
        }

        @Test
        @DisplayName("Should not read a positive result 366 days old")
        void ignoresOlderThanOneYear() {
            assertThat(pregnant(test("ct", "21613-5", POSITIVE, "2024-05-31"))).isEmpty();
        }
    }

    @Nested
    @DisplayName("treatment and cure")
    class Suppression {

        @Test
        @DisplayName("Should stay silent when an antibiotic was prescribed on the result date")
        void silentWhenTreatedSameDay() {
            assertThat(pregnant(positiveChlamydia(), azithromycin(MedicationRequestStatus.ACTIVE, "2025-05-20")))
                    .isEmpty();
        }

        @Test
        @DisplayName("Should stay silent when a completed antibiotic course followed the result")
        void silentWhenCourseCompleted() {
            assertThat(pregnant(positiveChlamydia(), azithromycin(MedicationRequestStatus.COMPLETED, "2025-05-22")))
                    .isEmpty();
        }

        @Test
        @DisplayName("Should warn when the only antibiotic predates the result")
        void warnsWhenAntibioticIsEarlier() {
            assertThat(pregnant(positiveChlamydia(), azithromycin(MedicationRequestStatus.ACTIVE, "2025-05-19")))
                    .hasSize(1);
        }

        @Test
        @DisplayName("Should warn when the antibiotic was stopped")
        void warnsWhenAntibioticStopped() {
            assertThat(pregnant(positiveChlamydia(), azithromycin(MedicationRequestStatus.STOPPED, "2025-05-21")))
                    .hasSize(1);
        }

        @Test
        @DisplayName("Should warn when the antibiotic is only a draft, which is not treatment")
        void warnsWhenAntibioticIsDraft() {
            assertThat(pregnant(positiveChlamydia(), azithromycin(MedicationRequestStatus.DRAFT, "2025-05-21")))
                    .hasSize(1);
        }

        @Test
        @DisplayName("Should stay silent when a later test is negative")
        void silentAfterNegativeRepeat() {
            assertThat(pregnant(positiveChlamydia(), test("ct-2", "21613-5", NEGATIVE, "2025-05-29")))
                    .isEmpty();
        }

        @Test
        @DisplayName("Should stay silent when a test after the diagnosis is negative")
        void silentAfterNegativeTestFollowingDiagnosis() {
            assertThat(pregnant(
                            activeCondition("dx", "p1", ICD10CM, "A56.02", "2025-04-11"),
                            test("ct-2", "21613-5", NEGATIVE, "2025-05-29")))
                    .isEmpty();
        }

        @Test
        @DisplayName("Should warn when the negative test is of another organism")
        void negativeTestOfOtherOrganismDoesNotCount() {
            assertThat(pregnant(positiveChlamydia(), test("ng", "47387-6", NEGATIVE, "2025-05-29")))
                    .hasSize(1);
        }
    }
}
