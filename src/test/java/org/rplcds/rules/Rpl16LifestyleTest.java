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

import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.rplcds.support.Fhir;
import org.rplcds.support.FhirOrders;

@DisplayName("RPL-16 modifiable lifestyle risks")
class Rpl16LifestyleTest {

    final Recommendation rule = new Rpl16Lifestyle();

    /** A woman with RPL under ESHRE 2022 (two losses), not pregnant, and the resources given. */
    List<Finding> withRpl(IBaseResource... more) {
        return givenRpl(more).when(rule).findings();
    }

    /** A woman pregnant at 9+0 weeks without an earlier loss, and the resources given. */
    List<Finding> pregnant(IBaseResource... more) {
        return givenPregnantAt(9, 0, more).when(rule).findings();
    }

    static IBaseResource bmi(String value) {
        return Fhir.quantity("bmi", "p1", "39156-5", value, "kg/m2", "2025-05-01");
    }

    static IBaseResource smokingStatus(String id, String snomed, String date) {
        return FhirOrders.coded(id, "p1", "72166-2", SNOMED, snomed, date);
    }

    static IBaseResource auditC(int score) {
        return Fhir.count("audit", "p1", "75626-2", score, "2025-04-01");
    }

    @Nested
    @DisplayName("body mass index")
    class BodyMassIndex {

        @Test
        @DisplayName("Should fire for a BMI of 30")
        void firesAt30() {
            // given
            // when
            List<Finding> findings = withRpl(bmi("30.0"));

            // then
            String summary = "Modifiable risks: BMI 30.0 kg/m². Offer weight support and folic acid 5 mg.";
            Finding f = headline(findings, "RPL-16", Indicator.INFO, summary);
            assertThat(markdown(f)).contains("Observation/bmi");
        }

        @Test
        @DisplayName("Should stay silent for a BMI of 29.9")
        void silentAt29Point9() {
            assertThat(withRpl(bmi("29.9"))).isEmpty();
        }

        @Test
        @DisplayName("Should fire for a BMI of 18.4")
        void firesBelow18Point5() {
            assertThat(withRpl(bmi("18.4"))).singleElement().satisfies(f -> assertThat(f.summary())
                    .startsWith("Modifiable risks: BMI 18.4 kg/m²."));
        }

        @Test
        @DisplayName("Should stay silent for a BMI of 18.5")
        void silentAt18Point5() {
            assertThat(withRpl(bmi("18.5"))).isEmpty();
        }
    }

    @Nested
    @DisplayName("smoking")
    class Smoking {

        @Test
        @DisplayName("Should fire for a current every-day smoker")
        void firesForCurrentSmoker() {
            assertThat(withRpl(smokingStatus("smoke", "449868002", "2025-03-01")))
                    .singleElement()
                    .satisfies(f -> assertThat(f.summary()).startsWith("Modifiable risks: smoking."));
        }

        @Test
        @DisplayName("Should stay silent for an ex-smoker")
        void silentForExSmoker() {
            assertThat(withRpl(smokingStatus("smoke", "8517006", "2025-03-01"))).isEmpty();
        }

        @Test
        @DisplayName("Should read the latest smoking status only")
        void readsLatestStatus() {
            assertThat(withRpl(
                            smokingStatus("smoke-1", "449868002", "2023-03-01"),
                            smokingStatus("smoke-2", "8517006", "2025-03-01")))
                    .isEmpty();
        }

        @Test
        @DisplayName("Should fire for an active nicotine dependence when no smoking status is recorded")
        void firesForTobaccoDiagnosis() {
            assertThat(withRpl(activeCondition("f17", "p1", ICD10CM, "F17.210", "2020-01-01")))
                    .singleElement()
                    .satisfies(f -> assertThat(markdown(f)).contains("Condition/f17"));
        }

        @Test
        @DisplayName("Should let a recorded non-smoking status outweigh an old tobacco diagnosis")
        void statusOutweighsDiagnosis() {
            assertThat(withRpl(
                            activeCondition("f17", "p1", ICD10CM, "F17.210", "2020-01-01"),
                            smokingStatus("smoke", "8517006", "2025-03-01")))
                    .isEmpty();
        }
    }

    @Nested
    @DisplayName("alcohol")
    class Alcohol {

        @Test
        @DisplayName("Should fire for an AUDIT-C score of 3")
        void firesForAuditC3() {
            assertThat(withRpl(auditC(3))).singleElement().satisfies(f -> assertThat(f.summary())
                    .matches("Modifiable risks: (AUDIT-C \\d+|alcohol in pregnancy)\\. Offer no-alcohol advice\\."));
        }

        @Test
        @DisplayName("Should stay silent for an AUDIT-C score of 2")
        void silentForAuditC2() {
            assertThat(withRpl(auditC(2))).isEmpty();
        }

        @Test
        @DisplayName("Should fire for alcohol use recorded in pregnancy")
        void firesForAlcoholInPregnancy() {
            assertThat(pregnant(activeCondition("alc", "p1", SNOMED, "427013000", "2025-05-01")))
                    .singleElement()
                    .satisfies(
                            f -> assertThat(f.summary())
                                    .matches(
                                            "Modifiable risks: (AUDIT-C \\d+|alcohol in pregnancy)\\. Offer no-alcohol advice\\."));
        }

        @Test
        @DisplayName("Should not read an alcohol-in-pregnancy code when the patient is not pregnant")
        void ignoresAlcoholInPregnancyCodeOutsidePregnancy() {
            assertThat(withRpl(activeCondition("alc", "p1", SNOMED, "427013000", "2024-03-01")))
                    .isEmpty();
        }
    }

    @Nested
    @DisplayName("how old an input may be (today is 2025-06-01)")
    class StaleInputs {

        /** A woman pregnant at 20+0 weeks today: 14+0 weeks was 2025-04-20. */
        List<Finding> pregnantAt20Weeks(IBaseResource... more) {
            return givenPregnantAt(20, 0, more).when(rule).findings();
        }

        static IBaseResource bmiOn(String id, String value, String date) {
            return Fhir.quantity(id, "p1", "39156-5", value, "kg/m2", date);
        }

        @Test
        @DisplayName("Should read a current-smoker status recorded 24 months ago")
        void smokingStatusOf24MonthsCounts() {
            assertThat(withRpl(smokingStatus("smoke", "449868002", "2023-06-01")))
                    .singleElement()
                    .satisfies(f -> assertThat(f.summary()).startsWith("Modifiable risks: smoking."));
        }

        @Test
        @DisplayName("Should not read a current-smoker status recorded 24 months and a day ago")
        void olderSmokingStatusIsNotRead() {
            assertThat(withRpl(smokingStatus("smoke", "449868002", "2023-05-31")))
                    .isEmpty();
        }

        @Test
        @DisplayName("Should read an active tobacco diagnosis when the only smoking status is too old")
        void staleStatusLeavesTheDiagnosis() {
            assertThat(withRpl(
                            smokingStatus("smoke", "8517006", "2020-01-01"),
                            activeCondition("tob", "p1", ICD10CM, "F17.210", "2024-01-01")))
                    .singleElement()
                    .satisfies(f -> assertThat(f.summary()).startsWith("Modifiable risks: smoking."));
        }

        @Test
        @DisplayName("Should read an AUDIT-C of 5 recorded 24 months ago")
        void auditCOf24MonthsCounts() {
            assertThat(withRpl(Fhir.count("audit", "p1", "75626-2", 5, "2023-06-01")))
                    .singleElement()
                    .satisfies(
                            f -> assertThat(f.summary())
                                    .matches(
                                            "Modifiable risks: (AUDIT-C \\d+|alcohol in pregnancy)\\. Offer no-alcohol advice\\."));
        }

        @Test
        @DisplayName("Should not read an AUDIT-C of 5 recorded 24 months and a day ago, nor one from 15 years ago")
        void olderAuditCIsNotRead() {
            assertThat(withRpl(Fhir.count("audit", "p1", "75626-2", 5, "2023-05-31")))
                    .isEmpty();
            assertThat(withRpl(Fhir.count("audit", "p1", "75626-2", 9, "2010-06-01")))
                    .isEmpty();
        }

        @Test
        @DisplayName("Should read a BMI of 35 recorded 12 months ago")
        void bmiOf12MonthsCounts() {
            assertThat(withRpl(bmiOn("bmi", "35", "2024-06-01")))
                    .singleElement()
                    .satisfies(f -> assertThat(f.summary()).startsWith("Modifiable risks: BMI 35.0 kg/m²."));
        }

        @Test
        @DisplayName("Should not read a BMI of 35 recorded 12 months and a day ago")
        void olderBmiIsNotRead() {
            assertThat(withRpl(bmiOn("bmi", "35", "2024-05-31"))).isEmpty();
        }

        @Test
        @DisplayName("Should read in pregnancy a BMI of 35 taken at 13+6 weeks")
        void bookingBmiCounts() {
            assertThat(pregnantAt20Weeks(bmiOn("bmi", "35", "2025-04-19")))
                    .singleElement()
                    .satisfies(f -> assertThat(f.summary()).startsWith("Modifiable risks: BMI 35.0 kg/m²."));
        }

        @Test
        @DisplayName("Should not read in pregnancy a BMI of 35 taken at 14+0 weeks")
        void bmiFrom14WeeksIsNotRead() {
            assertThat(pregnantAt20Weeks(bmiOn("bmi", "35", "2025-04-20"))).isEmpty();
        }

        @Test
        @DisplayName("Should read in pregnancy a pre-pregnancy BMI, not a later one of the same pregnancy")
        void prePregnancyBmiOutweighsALaterOne() {
            assertThat(pregnantAt20Weeks(bmiOn("pre", "17.5", "2024-12-01"), bmiOn("late", "22", "2025-05-20")))
                    .singleElement()
                    .satisfies(f -> assertThat(f.summary()).startsWith("Modifiable risks: BMI 17.5 kg/m²."));
        }
    }

    @Nested
    @DisplayName("who is evaluated")
    class Scope {

        @Test
        @DisplayName("Should list every risk found in one card")
        void listsAllRisks() {
            assertThat(withRpl(smokingStatus("smoke", "428041000124106", "2025-03-01"), auditC(5), bmi("32.4")))
                    .singleElement()
                    .satisfies(
                            f -> assertThat(f.summary())
                                    .isEqualTo(
                                            "Modifiable risks: smoking, AUDIT-C 5, BMI 32.4 kg/m². Offer stop-smoking support; no-alcohol advice; weight support and folic acid 5 mg."));
        }

        @Test
        @DisplayName("Should fire in pregnancy without an earlier loss")
        void firesInPregnancy() {
            assertThat(pregnant(bmi("35"))).hasSize(1);
        }

        @Test
        @DisplayName("Should stay silent after a single loss outside pregnancy")
        void silentWithoutRplOrPregnancy() {
            assertThat(givenOneLoss(smokingStatus("smoke", "449868002", "2025-03-01"), bmi("35"))
                            .when(rule)
                            .findings())
                    .isEmpty();
        }
    }
}
