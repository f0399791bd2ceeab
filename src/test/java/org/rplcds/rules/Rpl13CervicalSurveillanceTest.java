package org.rplcds.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rplcds.rules.RuleSpec.given;
import static org.rplcds.rules.RuleSpec.givenPregnantAt;
import static org.rplcds.rules.RuleSpec.givenPregnantWithoutAge;
import static org.rplcds.rules.RuleSpec.headline;
import static org.rplcds.rules.RuleSpec.markdown;
import static org.rplcds.support.Fhir.ICD10CM;
import static org.rplcds.support.Fhir.SNOMED;
import static org.rplcds.support.Fhir.activeCondition;
import static org.rplcds.support.Fhir.condition;
import static org.rplcds.support.Fhir.woman;
import static org.rplcds.support.FhirOrders.pregnantAt;

import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.ServiceRequest.ServiceRequestStatus;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.rplcds.support.Fhir;
import org.rplcds.support.FhirOrders;
import org.rplcds.support.Profiles;

@DisplayName("RPL-13 cervical length surveillance")
class Rpl13CervicalSurveillanceTest {

    final Recommendation rule = new Rpl13CervicalSurveillance();

    /** A woman pregnant at weeks+days today, with the other resources given. */
    List<Finding> pregnantAt(GuidelineProfile profile, int weeks, int days, IBaseResource... more) {
        return givenPregnantAt(weeks, days, more).under(profile).when(rule).findings();
    }

    static IBaseResource secondTrimesterLoss() {
        return condition("loss", "p1", SNOMED, "85116003", "2023-03-10");
    }

    static IBaseResource cervicalInsufficiency() {
        return condition("ci", "p1", ICD10CM, "N88.3", "2023-03-10");
    }

    static IBaseResource cervicalLength(String id, String value, String unit, String date) {
        return Fhir.quantity(id, "p1", "11961-0", value, unit, date);
    }

    @Nested
    @DisplayName("when a second-trimester loss or cervical insufficiency is on record")
    class WhenAtRisk {

        @Test
        @DisplayName("Should ask for a cervical length when none was measured in 14 days")
        void asksForCervicalLength() {
            // given a second-trimester loss and no cervical length
            // when
            List<Finding> findings = pregnantAt(Profiles.ESHRE2022, 20, 0, secondTrimesterLoss());

            // then
            String summary = "Prior mid-trimester loss: serial transvaginal cervical length (16–24 wk) is due.";
            Finding f = headline(findings, "RPL-13", Indicator.INFO, summary);
            assertThat(f.actions())
                    .singleElement()
                    .satisfies(a -> assertThat(a.concept().orElseThrow().code()).isEqualTo("11961-0"));
        }

        @Test
        @DisplayName("Should fire for a cervical insufficiency diagnosis without a second-trimester loss")
        void firesForCervicalInsufficiency() {
            // given
            // when
            List<Finding> findings = pregnantAt(Profiles.ESHRE2022, 20, 0, cervicalInsufficiency());

            // then
            assertThat(findings).singleElement().satisfies(f -> assertThat(markdown(f))
                    .contains("Condition/ci"));
        }

        @Test
        @DisplayName("Should offer vaginal progesterone or cerclage, one of the two, when the cervical length is 22 mm")
        void offersProgesteroneOrCerclageAt22Millimetres() {
            // given
            // when
            List<Finding> findings = pregnantAt(
                    Profiles.ESHRE2022, 20, 0, secondTrimesterLoss(), cervicalLength("cl", "22", "mm", "2025-05-30"));

            // then
            assertThat(findings).singleElement().satisfies(f -> {
                assertThat(f.indicator()).isEqualTo(Indicator.WARNING);
                assertThat(f.summary())
                        .isEqualTo("Cervical length 22 mm at 20+0 weeks after a mid-trimester loss. Offer vaginal"
                                + " progesterone or cerclage; exclude infection first.");
                assertThat(f.alternatives()).as("at-most-one").isTrue();
                assertThat(f.actions())
                        .extracting(a -> a.concept().orElseThrow().code())
                        .containsExactly("8727", "90442009");
                assertThat(f.actions())
                        .allSatisfy(a -> assertThat(a.recommended()).isTrue());
                assertThat(f.actions().get(0).text()).isEqualTo("200 mg vaginally at night until 34+0 weeks");
                // 34+0 weeks is 14 weeks after 20+0
                assertThat(f.actions().get(0).until()).contains(java.time.LocalDate.parse("2025-09-07"));
                assertThat(markdown(f)).contains("infection, contractions, bleeding and ruptured membranes");
            });
        }

        @Test
        @DisplayName(
                "Should count 25 mm as short under ESHRE 2022, RCOG 2023 and the source text (NICE NG25: 25 mm or less)")
        void shortAt25MillimetresUnderNice() {
            for (GuidelineProfile profile : List.of(Profiles.ESHRE2022, Profiles.RCOG2023, Profiles.SOURCE)) {
                assertThat(pregnantAt(
                                profile, 20, 0, secondTrimesterLoss(), cervicalLength("cl", "25", "mm", "2025-05-30")))
                        .as(profile.name())
                        .singleElement()
                        .satisfies(f -> assertThat(f.summary()).startsWith("Cervical length 25 mm at 20+0 weeks"));
            }
        }

        @Test
        @DisplayName("Should not count 25 mm as short under ASRM 2012 (less than 25 mm), but 24.9 mm")
        void notShortAt25MillimetresUnderAsrm() {
            // given 25 mm measured in the last 14 days: nothing is due
            // when
            List<Finding> at25 = pregnantAt(
                    Profiles.ASRM2012, 20, 0, secondTrimesterLoss(), cervicalLength("cl", "25", "mm", "2025-05-30"));
            List<Finding> at249 = pregnantAt(
                    Profiles.ASRM2012, 20, 0, secondTrimesterLoss(), cervicalLength("cl", "24.9", "mm", "2025-05-30"));

            // then
            assertThat(at25).isEmpty();
            assertThat(at249).singleElement().satisfies(f -> assertThat(f.indicator())
                    .isEqualTo(Indicator.WARNING));
        }

        @Test
        @DisplayName("Should stay silent at 26 mm under ESHRE 2022")
        void silentAt26Millimetres() {
            assertThat(pregnantAt(
                            Profiles.ESHRE2022,
                            20,
                            0,
                            secondTrimesterLoss(),
                            cervicalLength("cl", "26", "mm", "2025-05-30")))
                    .isEmpty();
        }

        @Test
        @DisplayName("Should convert a length in centimetres before comparing (2.4 cm is short)")
        void convertsCentimetres() {
            // given
            // when
            List<Finding> findings = pregnantAt(
                    Profiles.ESHRE2022, 20, 0, secondTrimesterLoss(), cervicalLength("cl", "2.4", "cm", "2025-05-30"));

            // then
            assertThat(findings).singleElement().satisfies(f -> assertThat(f.summary())
                    .startsWith("Cervical length 24.0 mm (2.4 cm)"));
        }

        @Test
        @DisplayName("Should read the latest length, not an earlier short one")
        void readsTheLatestLength() {
            // given a short length last week and a normal one since
            // when
            List<Finding> findings = pregnantAt(
                    Profiles.ESHRE2022,
                    20,
                    0,
                    secondTrimesterLoss(),
                    cervicalLength("cl-1", "22", "mm", "2025-05-20"),
                    cervicalLength("cl-2", "31", "mm", "2025-05-28"));

            // then
            assertThat(findings).isEmpty();
        }

        @Test
        @DisplayName("Should accept a normal length measured 14 days ago")
        void normalLength14DaysAgoIsRecent() {
            // given
            // when
            List<Finding> findings = pregnantAt(
                    Profiles.ESHRE2022, 20, 0, secondTrimesterLoss(), cervicalLength("cl", "32", "mm", "2025-05-18"));

            // then
            assertThat(findings).isEmpty();
        }

        @Test
        @DisplayName("Should accept a final cervical length report of 14 days ago as a measurement done")
        void report14DaysAgoIsRecent() {
            // given a report without the Observation that holds its value
            // when
            List<Finding> findings = pregnantAt(
                    Profiles.ESHRE2022,
                    20,
                    0,
                    secondTrimesterLoss(),
                    Fhir.report("cl", "p1", "11961-0", DiagnosticReport.DiagnosticReportStatus.FINAL, "2025-05-18"));

            // then
            assertThat(findings).isEmpty();
        }

        @Test
        @DisplayName("Should ask again when the only cervical length report is 15 days old")
        void report15DaysAgoIsDue() {
            // given
            // when
            List<Finding> findings = pregnantAt(
                    Profiles.ESHRE2022,
                    20,
                    0,
                    secondTrimesterLoss(),
                    Fhir.report("cl", "p1", "11961-0", DiagnosticReport.DiagnosticReportStatus.FINAL, "2025-05-17"));

            // then
            assertThat(findings).extracting(Finding::ruleId).containsExactly("RPL-13");
        }

        @Test
        @DisplayName("Should ask again when the last normal length is 15 days old")
        void normalLength15DaysAgoIsDue() {
            // given
            // when
            List<Finding> findings = pregnantAt(
                    Profiles.ESHRE2022, 20, 0, secondTrimesterLoss(), cervicalLength("cl", "32", "mm", "2025-05-17"));

            // then
            assertThat(findings).singleElement().satisfies(f -> assertThat(f.indicator())
                    .isEqualTo(Indicator.INFO));
        }

        @Test
        @DisplayName("Should still warn when the short length of this pregnancy is more than 14 days old")
        void staleShortLengthStillWarns() {
            // given a 23 mm length at 17+0 weeks, nothing since
            // when
            List<Finding> findings = pregnantAt(
                    Profiles.ESHRE2022, 20, 0, secondTrimesterLoss(), cervicalLength("cl", "23", "mm", "2025-05-11"));

            // then
            assertThat(findings).singleElement().satisfies(f -> {
                assertThat(f.indicator()).isEqualTo(Indicator.WARNING);
                assertThat(f.summary()).startsWith("Cervical length 23 mm");
            });
        }

        @Test
        @DisplayName("Should not read a short length from an earlier pregnancy")
        void ignoresLengthOfEarlierPregnancy() {
            // given a short length at the time of the earlier loss
            // when
            List<Finding> findings = pregnantAt(
                    Profiles.ESHRE2022, 20, 0, secondTrimesterLoss(), cervicalLength("cl", "15", "mm", "2023-03-01"));

            // then
            assertThat(findings).singleElement().satisfies(f -> assertThat(f.indicator())
                    .isEqualTo(Indicator.INFO));
        }

        @Test
        @DisplayName("Should not ask again when a cervical length was ordered in the last 14 days")
        void silentWhenOrdered() {
            // given
            // when
            List<Finding> findings = pregnantAt(
                    Profiles.ESHRE2022,
                    20,
                    0,
                    secondTrimesterLoss(),
                    FhirOrders.order("us", "p1", ServiceRequestStatus.ACTIVE, Fhir.LOINC, "11961-0", "2025-05-25"));

            // then
            assertThat(findings).isEmpty();
        }

        @Test
        @DisplayName("Should under the source text count a loss at 26 weeks, which ESHRE calls a stillbirth")
        void lossAt26WeeksDependsOnViability() {
            // given a miscarriage recorded at 26 weeks
            IBaseResource loss = condition("loss", "p1", SNOMED, "17369002", "2023-03-10");
            IBaseResource ga = Fhir.quantity("ga-loss", "p1", "49051-6", "26", "wk", "2023-03-10");

            // when
            List<Finding> source = pregnantAt(Profiles.SOURCE, 20, 0, loss, ga);
            List<Finding> eshre = pregnantAt(Profiles.ESHRE2022, 20, 0, loss, ga);

            // then
            assertThat(source).hasSize(1);
            assertThat(eshre).isEmpty();
        }
    }

    @Nested
    @DisplayName("gestational window 16+0 to 23+6")
    class Window {

        @Test
        @DisplayName("Should stay silent at 15+6 weeks")
        void silentAt15Plus6() {
            assertThat(pregnantAt(Profiles.ESHRE2022, 15, 6, secondTrimesterLoss()))
                    .isEmpty();
        }

        @Test
        @DisplayName("Should fire at 16+0 weeks")
        void firesAt16Plus0() {
            assertThat(pregnantAt(Profiles.ESHRE2022, 16, 0, secondTrimesterLoss()))
                    .hasSize(1);
        }

        @Test
        @DisplayName("Should fire at 23+6 weeks")
        void firesAt23Plus6() {
            assertThat(pregnantAt(Profiles.ESHRE2022, 23, 6, secondTrimesterLoss()))
                    .hasSize(1);
        }

        @Test
        @DisplayName("Should stay silent from 24+0 weeks")
        void silentAt24Plus0() {
            assertThat(pregnantAt(Profiles.ESHRE2022, 24, 0, secondTrimesterLoss()))
                    .isEmpty();
        }

        @Test
        @DisplayName("Should stay silent when the gestational age is unknown")
        void silentWithoutGestationalAge() {
            assertThat(givenPregnantWithoutAge("2025-03-01", secondTrimesterLoss())
                            .under(Profiles.ESHRE2022)
                            .when(rule)
                            .findings())
                    .isEmpty();
        }

        @Test
        @DisplayName("Should stay silent when the patient is not pregnant")
        void silentWhenNotPregnant() {
            assertThat(given(woman("p1", "1990-01-01"), secondTrimesterLoss(), cervicalInsufficiency())
                            .under(Profiles.ESHRE2022)
                            .when(rule)
                            .findings())
                    .isEmpty();
        }
    }

    @Nested
    @DisplayName("suppression")
    class Suppression {

        @Test
        @DisplayName("Should stay silent without a second-trimester loss or cervical insufficiency")
        void silentForFirstTrimesterLossesOnly() {
            assertThat(pregnantAt(
                            Profiles.ESHRE2022,
                            20,
                            0,
                            condition("a", "p1", SNOMED, "19169002", "2022-01-10"),
                            condition("b", "p1", SNOMED, "19169002", "2023-01-10")))
                    .isEmpty();
        }

        @Test
        @DisplayName("Should not read a refuted cervical insufficiency diagnosis")
        void ignoresRefutedDiagnosis() {
            assertThat(pregnantAt(
                            Profiles.ESHRE2022,
                            20,
                            0,
                            Fhir.refuted(condition("ci", "p1", ICD10CM, "N88.3", "2023-03-10"))))
                    .isEmpty();
        }

        @Test
        @DisplayName("Should stay silent when a cerclage was placed in this pregnancy")
        void silentWithCerclageThisPregnancy() {
            assertThat(pregnantAt(
                            Profiles.ESHRE2022,
                            20,
                            0,
                            secondTrimesterLoss(),
                            cervicalLength("cl", "20", "mm", "2025-05-30"),
                            Fhir.procedure("cerclage", "p1", SNOMED, "90442009", "2025-03-16")))
                    .isEmpty();
        }

        @Test
        @DisplayName("Should stay silent when a cerclage is recorded in situ")
        void silentWithCerclageInSitu() {
            assertThat(pregnantAt(
                            Profiles.ESHRE2022,
                            20,
                            0,
                            secondTrimesterLoss(),
                            activeCondition("in-situ", "p1", SNOMED, "69802008", "2025-03-16")))
                    .isEmpty();
        }

        @Test
        @DisplayName("Should stay silent when a cerclage is ordered")
        void silentWithCerclageOrdered() {
            assertThat(pregnantAt(
                            Profiles.ESHRE2022,
                            20,
                            0,
                            secondTrimesterLoss(),
                            cervicalLength("cl", "20", "mm", "2025-05-30"),
                            FhirOrders.order(
                                    "order", "p1", ServiceRequestStatus.ACTIVE, FhirOrders.CPT, "59320", "2025-05-31")))
                    .isEmpty();
        }

        @Test
        @DisplayName("Should stand back at 16+6 weeks under the source text, where RPL-12's window is still open")
        void standsBackWhileRpl12Applies() {
            // given cervical insufficiency; the source text's cerclage window runs to 16+6
            // when
            List<Finding> atWindowEnd = pregnantAt(Profiles.SOURCE, 16, 6, cervicalInsufficiency());
            List<Finding> afterWindow = pregnantAt(Profiles.SOURCE, 17, 0, cervicalInsufficiency());

            // then
            assertThat(given(FhirOrders.all(
                                    FhirOrders.pregnantAt("p1", 16, 6),
                                    woman("p1", "1990-01-01"),
                                    cervicalInsufficiency()))
                            .under(Profiles.SOURCE)
                            .when(new Rpl12HistoryIndicatedCerclage())
                            .findings())
                    .hasSize(1);
            assertThat(atWindowEnd).isEmpty();
            assertThat(afterWindow).hasSize(1);
        }

        @Test
        @DisplayName("Should fire at 16+6 weeks under the source text after a second-trimester loss alone")
        void firesWhenRpl12DoesNotApply() {
            // given a second-trimester loss without a cervical insufficiency code: RPL-12 needs the code
            // when
            List<Finding> findings = pregnantAt(Profiles.SOURCE, 16, 6, secondTrimesterLoss());

            // then
            assertThat(findings).hasSize(1);
        }
    }
}
