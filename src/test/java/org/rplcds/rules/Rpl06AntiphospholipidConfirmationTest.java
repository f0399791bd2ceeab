package org.rplcds.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.rplcds.rules.RuleSpec.given;
import static org.rplcds.rules.RuleSpec.headline;
import static org.rplcds.support.Fhir.ICD10CM;
import static org.rplcds.support.Fhir.LOINC;
import static org.rplcds.support.Fhir.SNOMED;
import static org.rplcds.support.Fhir.activeCondition;
import static org.rplcds.support.Fhir.coded;
import static org.rplcds.support.Fhir.order;
import static org.rplcds.support.Fhir.quantity;
import static org.rplcds.support.Fhir.range;
import static org.rplcds.support.Fhir.woman;

import java.time.LocalDate;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.ServiceRequest.ServiceRequestStatus;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("RPL-06 antiphospholipid confirmation")
class Rpl06AntiphospholipidConfirmationTest {

    static final String POSITIVE = "10828004";
    static final String NEGATIVE = "260385009";

    final Recommendation rule = new Rpl06AntiphospholipidConfirmation();

    static final IBaseResource WOMAN = woman("p1", "1990-01-01");

    static IBaseResource lupusAnticoagulant(String id, String value, String date) {
        return coded(id, "p1", "15191-0", SNOMED, value, date);
    }

    @Nested
    @DisplayName("with one positive test")
    class OnePositive {

        @Test
        @DisplayName("Should ask for a repeat at least 12 weeks later")
        void asksForRepeat() {
            // given lupus anticoagulant positive on 2025-01-10
            // when
            List<Finding> findings = given(WOMAN)
                    .and(lupusAnticoagulant("la", POSITIVE, "2025-01-10"))
                    .when(rule)
                    .findings();

            // then
            String summary =
                    "Positive antiphospholipid test on 2025-01-10. Repeat at least 12 weeks later to confirm APS.";
            Finding f = headline(findings, "RPL-06", Indicator.INFO, summary);
            assertThat(f.source()).isEqualTo(Citation.SYDNEY_2006);
            assertThat(f.actions()).singleElement().satisfies(a -> {
                assertThat(a.concept().orElseThrow().code()).isEqualTo("15191-0");
                assertThat(a.text()).isEqualTo("Repeat test, not before 2025-04-04");
            });
        }

        @Test
        @DisplayName("Should date each repeat order 12 weeks after the first positive of that test, in clinician words")
        void datesEachRepeat() {
            // given lupus anticoagulant positive on 2025-01-10, anticardiolipin IgG 60 GPL on 2025-02-14
            // when
            Finding card = given(WOMAN)
                    .and(
                            lupusAnticoagulant("la", POSITIVE, "2025-01-10"),
                            quantity("acl", "p1", "3181-5", "60", "[GPL'U]/mL", "2025-02-14"))
                    .when(rule)
                    .card();

            // then the repeat is due per test: first positive + 12 weeks
            assertThat(card.actions())
                    .extracting(ProposedAction::label, a -> a.from().orElseThrow())
                    .containsExactly(
                            tuple("Repeat lupus anticoagulant", LocalDate.of(2025, 4, 4)),
                            tuple("Repeat anticardiolipin IgG and IgM", LocalDate.of(2025, 5, 9)));
        }

        @Test
        @DisplayName("Should count anticardiolipin IgG of 41 GPL as positive")
        void anticardiolipinAboveForty() {
            assertThat(given(WOMAN)
                            .and(quantity("acl", "p1", "3181-5", "41", "[GPL'U]/mL", "2025-01-10"))
                            .when(rule)
                            .findings())
                    .singleElement()
                    .satisfies(f -> assertThat(
                                    f.actions().get(0).concept().orElseThrow().code())
                            .isEqualTo("24319-6"));
        }

        @Test
        @DisplayName("Should not count anticardiolipin IgG of 40 GPL as positive")
        void anticardiolipinAtForty() {
            assertThat(given(WOMAN)
                            .and(quantity("acl", "p1", "3181-5", "40", "[GPL'U]/mL", "2025-01-10"))
                            .when(rule)
                            .findings())
                    .isEmpty();
        }

        @Test
        @DisplayName("Should count a result above the lab's own upper limit as positive")
        void labFlag() {
            assertThat(given(WOMAN)
                            .and(range(quantity("acl", "p1", "3182-3", "25", "[MPL'U]/mL", "2025-01-10"), null, "20"))
                            .when(rule)
                            .findings())
                    .extracting(Finding::ruleId)
                    .containsExactly("RPL-06");
        }

        @Test
        @DisplayName("Should count anti-beta2GPI above the lab's 99th centile as positive")
        void beta2AboveCentile() {
            assertThat(given(WOMAN)
                            .and(range(quantity("b2", "p1", "44448-9", "30", "U/mL", "2025-01-10"), null, "20"))
                            .when(rule)
                            .findings())
                    .singleElement()
                    .satisfies(f -> assertThat(
                                    f.actions().get(0).concept().orElseThrow().code())
                            .isEqualTo("72488-0"));
        }

        @Test
        @DisplayName("Should not call anti-beta2GPI positive without the lab's limit")
        void beta2WithoutLimit() {
            assertThat(given(WOMAN)
                            .and(quantity("b2", "p1", "44448-9", "30", "U/mL", "2025-01-10"))
                            .when(rule)
                            .findings())
                    .isEmpty();
        }

        @Test
        @DisplayName("Should not fire for a negative test")
        void negative() {
            assertThat(given(WOMAN)
                            .and(lupusAnticoagulant("la", NEGATIVE, "2025-01-10"))
                            .when(rule)
                            .findings())
                    .isEmpty();
        }
    }

    @Nested
    @DisplayName("with a second test of the same antibody")
    class Repeated {

        @Test
        @DisplayName("Should still ask for a repeat when the second positive came 83 days later")
        void repeatAfterEightyThreeDays() {
            assertThat(given(WOMAN)
                            .and(
                                    lupusAnticoagulant("la1", POSITIVE, "2025-01-10"),
                                    lupusAnticoagulant("la2", POSITIVE, "2025-04-03"))
                            .when(rule)
                            .findings())
                    .singleElement()
                    .satisfies(f -> assertThat(f.summary()).contains("on 2025-01-10"));
        }

        @Test
        @DisplayName("Should not fire when the second positive came 84 days later (APS confirmed)")
        void repeatAfterTwelveWeeks() {
            assertThat(given(WOMAN)
                            .and(
                                    lupusAnticoagulant("la1", POSITIVE, "2025-01-10"),
                                    lupusAnticoagulant("la2", POSITIVE, "2025-04-04"))
                            .when(rule)
                            .findings())
                    .isEmpty();
        }

        @Test
        @DisplayName("Should not fire when the repeat 12 weeks later was negative")
        void negativeRepeat() {
            assertThat(given(WOMAN)
                            .and(
                                    lupusAnticoagulant("la1", POSITIVE, "2025-01-10"),
                                    lupusAnticoagulant("la2", NEGATIVE, "2025-04-04"))
                            .when(rule)
                            .findings())
                    .isEmpty();
        }

        @Test
        @DisplayName("Should not count a positive of another antibody as the repeat")
        void otherAntibody() {
            assertThat(given(WOMAN)
                            .and(
                                    lupusAnticoagulant("la1", POSITIVE, "2025-01-10"),
                                    quantity("acl", "p1", "3181-5", "60", "[GPL'U]/mL", "2025-04-20"))
                            .when(rule)
                            .findings())
                    .singleElement()
                    .satisfies(f -> assertThat(f.actions()).hasSize(2));
        }
    }

    @Nested
    @DisplayName("suppression")
    class Suppression {

        @Test
        @DisplayName("Should not fire when the repeat is ordered after the positive test")
        void repeatOrdered() {
            assertThat(given(WOMAN)
                            .and(
                                    lupusAnticoagulant("la", POSITIVE, "2025-01-10"),
                                    order("o", "p1", LOINC, "15191-0", ServiceRequestStatus.ACTIVE, "2025-01-11"))
                            .when(rule)
                            .findings())
                    .isEmpty();
        }

        @Test
        @DisplayName("Should not take the order of the first test, on its own day, for the repeat")
        void firstOrderIsNotTheRepeat() {
            assertThat(given(WOMAN)
                            .and(
                                    lupusAnticoagulant("la", POSITIVE, "2025-01-10"),
                                    order("o", "p1", LOINC, "15191-0", ServiceRequestStatus.COMPLETED, "2025-01-10"))
                            .when(rule)
                            .findings())
                    .extracting(Finding::ruleId)
                    .containsExactly("RPL-06");
        }

        @Test
        @DisplayName("Should not fire when antiphospholipid syndrome is diagnosed")
        void apsDiagnosed() {
            assertThat(given(WOMAN)
                            .and(
                                    lupusAnticoagulant("la", POSITIVE, "2025-01-10"),
                                    activeCondition("aps", "p1", ICD10CM, "D68.61", "2025-02-01"))
                            .when(rule)
                            .findings())
                    .isEmpty();
        }
    }
}
