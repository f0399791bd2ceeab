package org.rplcds.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.rplcds.rules.RuleSpec.given;
import static org.rplcds.rules.RuleSpec.givenPregnantAt;
import static org.rplcds.rules.RuleSpec.headline;
import static org.rplcds.rules.RuleSpec.markdown;
import static org.rplcds.support.Fhir.ICD10CM;
import static org.rplcds.support.Fhir.activeCondition;
import static org.rplcds.support.Fhir.woman;

import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.rplcds.support.Fhir;
import org.rplcds.support.FhirOrders;
import org.rplcds.support.Profiles;

@DisplayName("RPL-17 fever in pregnancy")
class Rpl17FeverInPregnancyTest {

    final Recommendation rule = new Rpl17FeverInPregnancy();

    /** A woman pregnant at 20+0 weeks with the resources given. */
    List<Finding> pregnant(GuidelineProfile profile, IBaseResource... more) {
        return givenPregnantAt(20, 0, more).under(profile).when(rule).findings();
    }

    /** Pregnant at 20+0 weeks, with one temperature measured today. */
    List<Finding> measuredToday(GuidelineProfile profile, String value, String unit) {
        return pregnant(profile, temperature("t", value, unit, "2025-06-01"));
    }

    static Observation temperature(String id, String value, String unit, String date) {
        Observation observation = Fhir.quantity(id, "p1", "8310-5", value, unit, date);
        observation.addCategory(new CodeableConcept(
                new Coding("http://terminology.hl7.org/CodeSystem/observation-category", "vital-signs", null)));
        return observation;
    }

    @Test
    @DisplayName("Should cite the source text and NICE's sepsis guideline, not the cerclage bulletin")
    void citesTheSourceTextAndNiceNg51() {
        // given
        // when
        List<Finding> findings = measuredToday(Profiles.ESHRE2022, "38.6", "Cel");

        // then
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.source()).isEqualTo(Citation.SOURCE_TEXT);
            assertThat(f.links()).containsExactly(Citation.NICE_NG51);
            assertThat(f.detail().blocks()).last().isEqualTo(new Detail.Sources("source textbook; NICE NG51"));
        });
    }

    @Nested
    @DisplayName("under ESHRE 2022 (fever from 38.0 °C)")
    class UnderEshre {

        @Test
        @DisplayName("Should warn for 38.0 °C today")
        void warnsAt38() {
            // given
            // when
            List<Finding> findings = measuredToday(Profiles.ESHRE2022, "38.0", "Cel");

            // then
            String summary =
                    "Temperature 38.0 °C in pregnancy (20+0 weeks). Assess for infection; treat fever promptly.";
            Finding f = headline(findings, "RPL-17", Indicator.WARNING, summary);
            assertThat(markdown(f)).contains("Observation/t").contains("Fever threshold for this profile: 38.0 °C");
        }

        @Test
        @DisplayName("Should suggest a full blood count, CRP and a urine culture, and cite NICE NG51 (sepsis)")
        void suggestsTheInfectionWorkUp() {
            // given 38.2 °C today at 20+0 weeks
            // when
            Finding card = given(woman("p1", "1990-01-01"))
                    .and(FhirOrders.pregnantAt("p1", 20, 0).toArray(IBaseResource[]::new))
                    .and(temperature("t", "38.2", "Cel", "2025-06-01"))
                    .when(rule)
                    .card();

            // then
            assertThat(card.actions())
                    .extracting(
                            ProposedAction::label,
                            a -> a.concept().orElseThrow().code())
                    .containsExactly(
                            tuple("Order full blood count", "58410-2"),
                            tuple("Order CRP", "1988-5"),
                            tuple("Order urine culture", "630-4"));
            assertThat(card.links()).containsExactly(Citation.NICE_NG51);
            assertThat(card.links()).extracting(Citation::label).noneMatch(label -> label.contains("ACOG"));
        }

        @Test
        @DisplayName("Should stay silent for 37.9 °C")
        void silentAt37Point9() {
            assertThat(measuredToday(Profiles.ESHRE2022, "37.9", "Cel")).isEmpty();
        }

        @Test
        @DisplayName("Should convert Fahrenheit: 100.4 °F is 38.0 °C, 100.3 °F is below")
        void convertsFahrenheit() {
            assertThat(measuredToday(Profiles.ESHRE2022, "100.4", "[degF]"))
                    .singleElement()
                    .satisfies(f -> assertThat(f.summary()).startsWith("Temperature 38.0 °C (100.4 °F)"));
            assertThat(measuredToday(Profiles.ESHRE2022, "100.3", "[degF]")).isEmpty();
        }

        @Test
        @DisplayName("Should report the highest recent temperature")
        void reportsHighest() {
            assertThat(pregnant(
                            Profiles.ESHRE2022,
                            temperature("t-1", "39.1", "Cel", "2025-05-31"),
                            temperature("t-2", "38.2", "Cel", "2025-06-01")))
                    .singleElement()
                    .satisfies(f -> assertThat(f.summary()).startsWith("Temperature 39.1 °C"));
        }
    }

    @Nested
    @DisplayName("under the source text (fever from 38.5 °C)")
    class UnderSource {

        @Test
        @DisplayName("Should stay silent for 38.4 °C")
        void silentAt38Point4() {
            assertThat(measuredToday(Profiles.SOURCE, "38.4", "Cel")).isEmpty();
        }

        @Test
        @DisplayName("Should warn for 38.5 °C")
        void warnsAt38Point5() {
            assertThat(measuredToday(Profiles.SOURCE, "38.5", "Cel"))
                    .singleElement()
                    .satisfies(f -> assertThat(f.summary()).startsWith("Temperature 38.5 °C in pregnancy"));
        }
    }

    @Nested
    @DisplayName("the 48-hour window, read to the day")
    class Window {

        @Test
        @DisplayName("Should read a temperature taken two days ago")
        void readsTwoDaysAgo() {
            assertThat(pregnant(Profiles.ESHRE2022, temperature("t", "38.6", "Cel", "2025-05-30")))
                    .hasSize(1);
        }

        @Test
        @DisplayName("Should not read a temperature taken three days ago")
        void ignoresThreeDaysAgo() {
            assertThat(pregnant(Profiles.ESHRE2022, temperature("t", "38.6", "Cel", "2025-05-29")))
                    .isEmpty();
        }

        @Test
        @DisplayName("Should warn for a fever diagnosed yesterday")
        void warnsForRecentDiagnosis() {
            assertThat(pregnant(Profiles.ESHRE2022, activeCondition("fever", "p1", ICD10CM, "R50.9", "2025-05-31")))
                    .singleElement()
                    .satisfies(f -> {
                        assertThat(f.summary())
                                .isEqualTo(
                                        "Fever recorded in pregnancy (20+0 weeks). Assess for infection; treat fever promptly.");
                        assertThat(markdown(f)).contains("Condition/fever");
                    });
        }

        @Test
        @DisplayName("Should not read a fever diagnosed three days ago")
        void ignoresOldDiagnosis() {
            assertThat(pregnant(Profiles.ESHRE2022, activeCondition("fever", "p1", ICD10CM, "R50.9", "2025-05-29")))
                    .isEmpty();
        }
    }

    @Nested
    @DisplayName("which records count")
    class RecordsRead {

        @Test
        @DisplayName("Should stay silent when the patient is not pregnant")
        void silentWhenNotPregnant() {
            assertThat(given(woman("p1", "1990-01-01"), temperature("t", "39.5", "Cel", "2025-06-01"))
                            .under(Profiles.ESHRE2022)
                            .when(rule)
                            .findings())
                    .isEmpty();
        }

        @Test
        @DisplayName("Should read a preliminary vital sign")
        void readsPreliminaryVitalSign() {
            Observation preliminary = temperature("t", "38.3", "Cel", "2025-06-01");
            preliminary.setStatus(Observation.ObservationStatus.PRELIMINARY);

            assertThat(pregnant(Profiles.ESHRE2022, preliminary)).hasSize(1);
        }

        @Test
        @DisplayName("Should not read a temperature entered in error")
        void ignoresEnteredInError() {
            Observation wrong = temperature("t", "39.3", "Cel", "2025-06-01");
            wrong.setStatus(Observation.ObservationStatus.ENTEREDINERROR);

            assertThat(pregnant(Profiles.ESHRE2022, wrong)).isEmpty();
        }

        @Test
        @DisplayName("Should not compare a temperature in an unknown unit")
        void ignoresUnknownUnit() {
            assertThat(measuredToday(Profiles.ESHRE2022, "39.3", "K")).isEmpty();
        }
    }
}
