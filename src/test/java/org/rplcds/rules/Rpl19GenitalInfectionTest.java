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

import java.time.LocalDate;
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
        @DisplayName("Should warn for chlamydia at 9+0 weeks: azithromycin once, partner, test of cure 4 weeks on")
        void warnsForChlamydiaInPregnancy() {
            // given
            // when
            List<Finding> findings =
                    givenPregnantAt(9, 0, positiveChlamydia()).when(rule).findings();

            // then
            String summary = "Chlamydia positive on 2025-05-20, pregnant at 9+0 weeks, untreated. Azithromycin 1 g"
                    + " once; notify partner; test of cure in 4 weeks.";
            Finding f = headline(findings, "RPL-19", Indicator.WARNING, summary);
            assertThat(f.actions())
                    .extracting(a -> a.concept().orElseThrow().code() == null
                            ? a.concept().orElseThrow().display()
                            : a.concept().orElseThrow().code())
                    .containsExactly("18631", "Partner notification and treatment", "21613-5");
            assertThat(f.actions().get(0).text()).isEqualTo("1 g orally, single dose");
            assertThat(f.actions().get(2).from()).contains(LocalDate.parse("2025-06-29"));
            assertThat(markdown(f)).doesNotContain("susceptibility").doesNotContain("doxycycline 100");
        }

        @Test
        @DisplayName(
                "Should give doxycycline for 7 days to a woman with RPL who is not pregnant, without a test of cure")
        void doxycyclineOutsidePregnancy() {
            assertThat(given(
                                    woman("p1", "1990-01-01"),
                                    condition("loss-1", "p1", SNOMED, "19169002", "2023-02-01"),
                                    condition("loss-2", "p1", SNOMED, "19169002", "2024-04-01"),
                                    positiveChlamydia())
                            .when(rule)
                            .findings())
                    .singleElement()
                    .satisfies(f -> {
                        assertThat(f.summary())
                                .isEqualTo("Chlamydia positive on 2025-05-20, untreated. Doxycycline 100 mg twice"
                                        + " daily for 7 days; notify partner.");
                        assertThat(f.actions())
                                .extracting(a -> a.concept().orElseThrow().display())
                                .containsExactly("doxycycline", "Partner notification and treatment");
                    });
        }

        @Test
        @DisplayName("Should warn for gonorrhoea: ceftriaxone, partner and a chlamydia test")
        void warnsForGonorrhoea() {
            assertThat(pregnant(test("ng", "47387-6", POSITIVE, "2025-05-20")))
                    .singleElement()
                    .satisfies(f -> {
                        assertThat(f.summary())
                                .isEqualTo("Gonorrhoea positive on 2025-05-20, pregnant at 12+0 weeks, untreated."
                                        + " Ceftriaxone 500 mg IM once; notify partner; test for chlamydia.");
                        assertThat(f.actions())
                                .extracting(a -> a.concept().orElseThrow().display())
                                .startsWith("ceftriaxone", "Partner notification and treatment");
                        assertThat(f.actions().get(2).concept().orElseThrow().code())
                                .isEqualTo("21613-5");
                    });
        }

        @Test
        @DisplayName("Should give no card for M. hominis, Ureaplasma or an unspecified mycoplasma")
        void silentForOtherMycoplasmas() {
            assertThat(pregnant(test("myco", "23301-5", POSITIVE, "2025-05-20")))
                    .isEmpty();
            assertThat(pregnant(test("mh", "42621-3", POSITIVE, "2025-05-20"))).isEmpty();
            assertThat(pregnant(activeCondition("dx", "p1", ICD10CM, "A49.3", "2025-05-02")))
                    .isEmpty();
        }

        @Test
        @DisplayName("Should inform of M. genitalium, treatment guided by resistance")
        void informsOfMycoplasmaGenitalium() {
            assertThat(pregnant(test("mg", "100706-1", POSITIVE, "2025-05-20")))
                    .singleElement()
                    .satisfies(f -> {
                        assertThat(f.indicator()).isEqualTo(Indicator.INFO);
                        assertThat(f.summary()).contains("macrolide resistance");
                    });
        }

        @Test
        @DisplayName("Should give no card for a positive bacterial vaginosis test alone")
        void silentForBacterialVaginosisTestAlone() {
            assertThat(pregnant(test("bv", "54145-8", POSITIVE, "2025-05-20"))).isEmpty();
        }

        @Test
        @DisplayName("Should inform of bacterial vaginosis diagnosed: metronidazole if symptomatic, no partner")
        void informsOfBacterialVaginosisDiagnosed() {
            assertThat(pregnant(activeCondition("bv", "p1", SNOMED, "419760006", "2025-05-20")))
                    .singleElement()
                    .satisfies(f -> {
                        assertThat(f.indicator()).isEqualTo(Indicator.INFO);
                        assertThat(f.summary())
                                .isEqualTo("Bacterial vaginosis on 2025-05-20: treat if symptomatic (metronidazole)."
                                        + " Partner treatment is not recommended.");
                        assertThat(f.actions()).singleElement().satisfies(a -> {
                            assertThat(a.concept().orElseThrow().code()).isEqualTo("6922");
                            assertThat(a.text()).isEqualTo("500 mg orally twice daily for 7 days");
                        });
                        assertThat(markdown(f).toLowerCase(java.util.Locale.ROOT))
                                .doesNotContain("partner notification")
                                .doesNotContain("condom")
                                .doesNotContain("test of cure");
                    });
        }

        @Test
        @DisplayName("Should inform of a positive bacterial vaginosis test with a vaginal symptom recorded")
        void informsOfBacterialVaginosisTestWithSymptom() {
            assertThat(pregnant(
                            test("bv", "54145-8", POSITIVE, "2025-05-20"),
                            condition("vag", "p1", ICD10CM, "N76.0", "2025-05-18")))
                    .singleElement()
                    .satisfies(f -> assertThat(f.summary()).startsWith("Bacterial vaginosis on 2025-05-20"));
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
                        assertThat(f.summary()).startsWith("Chlamydia positive on 2025-04-11, pregnant at 12+0 weeks");
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
                    .satisfies(f -> assertThat(f.summary())
                            .startsWith("Sexually transmitted infection in pregnancy on 2025-05-02, untreated."));
        }

        @Test
        @DisplayName("Should lead with chlamydia before gonorrhoea, and hold both organisms' treatment")
        void leadsWithChlamydia() {
            assertThat(pregnant(
                            test("ng", "47387-6", POSITIVE, "2025-05-25"),
                            test("ct", "21613-5", POSITIVE, "2025-05-20")))
                    .singleElement()
                    .satisfies(f -> {
                        assertThat(f.summary()).startsWith("Chlamydia positive on 2025-05-20");
                        assertThat(markdown(f)).contains("Observation/ng").contains("Observation/ct");
                        // no second chlamydia test when chlamydia is already positive
                        assertThat(f.actions())
                                .extracting(a -> a.concept().orElseThrow().display())
                                .containsExactly(
                                        "azithromycin",
                                        "Partner notification and treatment",
                                        "Chlamydia trachomatis DNA [Presence] in Specimen by NAA with probe detection",
                                        "ceftriaxone");
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
