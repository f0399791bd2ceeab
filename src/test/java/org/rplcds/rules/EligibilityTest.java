package org.rplcds.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rplcds.support.Fhir.ICD10CM;
import static org.rplcds.support.Fhir.SNOMED;
import static org.rplcds.support.Fhir.activeCondition;
import static org.rplcds.support.Fhir.condition;
import static org.rplcds.support.Fhir.procedure;
import static org.rplcds.support.Fhir.woman;

import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.rplcds.support.FhirOrders;
import org.rplcds.support.Profiles;
import org.rplcds.support.Records;

/** The gates before any recommendation, on 2025-06-01, under the source text (three losses). */
@DisplayName("Who gets cards")
class EligibilityTest {

    static IBaseResource loss(String id, String date) {
        return condition(id, "p1", SNOMED, "19169002", date);
    }

    /** Three miscarriages in 2022 to 2024 and what is given, for the woman given. */
    static List<Finding> cards(Patient patient, IBaseResource... more) {
        List<IBaseResource> resources = new ArrayList<>(
                List.of(patient, loss("a", "2022-02-10"), loss("b", "2023-02-10"), loss("c", "2024-02-10")));
        resources.addAll(List.of(more));
        return Recommendations.all()
                .evaluate(
                        Records.facts(Profiles.SOURCE.lossCounting(), resources.toArray(IBaseResource[]::new)),
                        Profiles.SOURCE);
    }

    static List<String> rules(List<Finding> findings) {
        return findings.stream().map(Finding::ruleId).toList();
    }

    @Nested
    @DisplayName("when she has died")
    class WhenDeceased {

        @Test
        @DisplayName("Should give no card when the record says deceased, or dates the death on or before today")
        void noCard() {
            // given
            Patient dead = woman("p1", "1990-01-01");
            dead.setDeceased(new BooleanType(true));
            Patient diedToday = woman("p1", "1990-01-01");
            diedToday.setDeceased(new DateTimeType("2025-06-01"));

            // when
            // then
            assertThat(cards(dead)).isEmpty();
            assertThat(cards(diedToday)).isEmpty();
        }

        @Test
        @DisplayName("Should still give cards when deceasedBoolean is false or the date is after today")
        void alive() {
            // given
            Patient alive = woman("p1", "1990-01-01");
            alive.setDeceased(new BooleanType(false));
            Patient datedAhead = woman("p1", "1990-01-01");
            datedAhead.setDeceased(new DateTimeType("2025-06-02"));

            // when
            // then
            assertThat(rules(cards(alive))).contains("RPL-01");
            assertThat(rules(cards(datedAhead))).contains("RPL-01");
        }
    }

    @Nested
    @DisplayName("when reproduction has ended")
    class WhenReproductionEnded {

        @Test
        @DisplayName("Should give no card from 50 years of age, and the evaluation at 49")
        void ageLimit() {
            assertThat(cards(woman("p1", "1975-06-01"))).as("50 today").isEmpty();
            assertThat(rules(cards(woman("p1", "1975-06-02")))).as("49").contains("RPL-01");
        }

        @Test
        @DisplayName("Should give no card with a menopause or absent-uterus diagnosis, or after a hysterectomy")
        void endedByRecord() {
            Patient patient = woman("p1", "1985-01-01");
            assertThat(cards(patient, activeCondition("m", "p1", ICD10CM, "Z78.0", "2024-01-01")))
                    .isEmpty();
            assertThat(cards(patient, activeCondition("u", "p1", ICD10CM, "Z90.710", "2024-01-01")))
                    .isEmpty();
            assertThat(cards(patient, procedure("h", "p1", SNOMED, "116140006", "2024-06-01")))
                    .isEmpty();
        }

        @Test
        @DisplayName("Should not read an excision of the uterine septum as a hysterectomy")
        void septumExcisionIsNoHysterectomy() {
            assertThat(rules(cards(woman("p1", "1985-01-01"), procedure("h", "p1", SNOMED, "31191000", "2024-06-01"))))
                    .contains("RPL-01");
        }

        @Test
        @DisplayName("Should care for a pregnancy at 52 (donor oocytes) with the pregnancy-care rules alone")
        void pregnancyAtAnyAge() {
            // given pregnant at 8+0 weeks, bleeding, at 52
            List<IBaseResource> more = new ArrayList<>(FhirOrders.pregnantAt("p1", 8, 0));
            more.add(activeCondition("bleeding", "p1", ICD10CM, "O20.0", "2025-05-30"));

            // when
            List<Finding> findings = cards(woman("p1", "1973-01-01"), more.toArray(IBaseResource[]::new));

            // then
            assertThat(rules(findings)).containsExactly("RPL-10");
            assertThat(rules(findings)).allMatch(Eligibility.PREGNANCY_CARE::contains);
        }

        @Test
        @DisplayName("Should name every pregnancy-care rule, those still to come included")
        void pregnancyCareRules() {
            assertThat(Eligibility.PREGNANCY_CARE)
                    .containsExactlyInAnyOrder(
                            "RPL-04", "RPL-07", "RPL-10", "RPL-11", "RPL-12", "RPL-13", "RPL-17", "RPL-18", "RPL-19",
                            "RPL-24", "RPL-27", "RPL-28");
        }
    }

    @Nested
    @DisplayName("when recurrent pregnancy loss is long past")
    class WhenPast {

        static List<Finding> pastLosses(IBaseResource... more) {
            List<IBaseResource> resources = new ArrayList<>(List.of(
                    woman("p1", "1982-03-10"),
                    loss("a", "2014-04-03"),
                    loss("b", "2015-06-18"),
                    loss("c", "2016-05-30")));
            resources.addAll(List.of(more));
            return Recommendations.all()
                    .evaluate(
                            Records.facts(Profiles.SOURCE.lossCounting(), resources.toArray(IBaseResource[]::new)),
                            Profiles.SOURCE);
        }

        @Test
        @DisplayName("Should give one reminder card, without a suggestion, when the last loss is over 5 years old")
        void reminderOnly() {
            // given three losses, the last nine years ago
            // when
            List<Finding> findings = pastLosses();

            // then
            assertThat(findings).singleElement().satisfies(card -> {
                assertThat(card.ruleId()).isEqualTo("RPL-01");
                assertThat(card.indicator()).isEqualTo(Indicator.INFO);
                assertThat(card.summary())
                        .isEqualTo("Past recurrent pregnancy loss (3 losses, last in 2016). Offer evaluation if she"
                                + " plans a pregnancy.");
                assertThat(card.actions()).isEmpty();
            });
        }

        @Test
        @DisplayName("Should give the evaluation with fertility care in the last 12 months or a recent RPL diagnosis")
        void activeAgain() {
            assertThat(rules(pastLosses(activeCondition("z31", "p1", ICD10CM, "Z31.41", "2024-07-01"))))
                    .as("procreative management 11 months ago")
                    .contains("RPL-01", "RPL-20");
            assertThat(rules(pastLosses(activeCondition("n96", "p1", ICD10CM, "N96", "2021-01-10"))))
                    .as("RPL diagnosed four years ago")
                    .contains("RPL-01", "RPL-20");
            assertThat(pastLosses(condition("z31", "p1", ICD10CM, "Z31.41", "2024-05-31")))
                    .as("procreative management 12 months and a day ago")
                    .singleElement()
                    .extracting(Finding::summary)
                    .asString()
                    .startsWith("Past recurrent pregnancy loss");
        }

        @Test
        @DisplayName("Should give the evaluation when the last loss is 5 years old to the day")
        void boundary() {
            List<Finding> findings = Recommendations.all()
                    .evaluate(
                            Records.facts(
                                    Profiles.SOURCE.lossCounting(),
                                    woman("p1", "1982-03-10"),
                                    loss("a", "2014-04-03"),
                                    loss("b", "2015-06-18"),
                                    loss("c", "2020-06-01")),
                            Profiles.SOURCE);
            assertThat(rules(findings)).contains("RPL-01", "RPL-20");
        }
    }

    @Nested
    @DisplayName("when she is pregnant at 14+0 weeks or later")
    class WhenLaterInPregnancy {

        static List<Finding> pregnantAt(int weeks, int days) {
            return cards(
                    woman("p1", "1990-01-01"),
                    FhirOrders.pregnantAt("p1", weeks, days).toArray(IBaseResource[]::new));
        }

        @Test
        @DisplayName("Should give no evaluation card from 14+0, and one offering aPL and thyroid tests at 13+6")
        void deferred() {
            // given three losses, pregnant
            // when
            List<Finding> before = pregnantAt(13, 6);
            List<Finding> after = pregnantAt(14, 0);

            // then
            assertThat(before)
                    .filteredOn(f -> f.ruleId().equals("RPL-01"))
                    .singleElement()
                    .satisfies(card -> {
                        assertThat(card.rules()).containsExactly("RPL-01", "RPL-03", "RPL-05");
                        assertThat(RuleSpec.markdown(card))
                                .contains("**Later** Parental karyotype: after this pregnancy")
                                .contains("**Later** Uterine cavity assessment: after this pregnancy")
                                .contains("early-pregnancy care in this pregnancy");
                    });
            assertThat(rules(after)).doesNotContain("RPL-01", "RPL-03", "RPL-05");
        }
    }
}
