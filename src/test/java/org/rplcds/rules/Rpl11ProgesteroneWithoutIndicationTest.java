package org.rplcds.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rplcds.rules.RuleSpec.given;
import static org.rplcds.rules.RuleSpec.headline;
import static org.rplcds.support.Fhir.ICD10CM;
import static org.rplcds.support.Fhir.SNOMED;
import static org.rplcds.support.Fhir.activeCondition;
import static org.rplcds.support.Fhir.condition;
import static org.rplcds.support.Fhir.prescription;
import static org.rplcds.support.Fhir.woman;

import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.MedicationRequest.MedicationRequestStatus;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.rplcds.support.Fhir;

@DisplayName("RPL-11 progesterone without indication")
class Rpl11ProgesteroneWithoutIndicationTest {

    static final String SUMMARY = "Progesterone without bleeding in recurrent pregnancy loss did not raise live"
            + " births (PROMISE). Check the indication.";

    final Recommendation rule = new Rpl11ProgesteroneWithoutIndication();

    /** Pregnant at the given gestational age (days) after two losses, with the given entries. */
    List<Finding> pregnantAt(int days, IBaseResource... more) {
        return Rpl11ProgesteroneWithoutIndicationAtOrderingTest.pregnantAt(days, more)
                .when(rule)
                .findings();
    }

    static MedicationRequest progesterone(MedicationRequestStatus status) {
        return prescription("p4", "p1", "8727", "Progesterone 400 mg vaginal pessary", status, "2025-05-20");
    }

    @Nested
    @DisplayName("when progesterone is ordered in early pregnancy without bleeding")
    class WithoutIndication {

        @Test
        @DisplayName("Should recall PROMISE and ask for the indication, suggesting nothing")
        void firesWithLink() {
            // given pregnant at 8+0 weeks with active progesterone, no bleeding
            // when
            List<Finding> findings = pregnantAt(56, progesterone(MedicationRequestStatus.ACTIVE));

            // then
            Finding f = headline(findings, "RPL-11", Indicator.INFO, SUMMARY);
            assertThat(f.actions()).isEmpty();
            assertThat(f.links()).containsExactly(Citation.RCOG_2023);
        }

        @Test
        @DisplayName("Should fire for a draft order")
        void draftOrder() {
            assertThat(pregnantAt(56, progesterone(MedicationRequestStatus.DRAFT)))
                    .extracting(Finding::ruleId)
                    .containsExactly("RPL-11");
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(
                value = MedicationRequestStatus.class,
                names = {"STOPPED", "COMPLETED", "CANCELLED", "ENTEREDINERROR"})
        @DisplayName("Should not fire for an order that is no longer open")
        void closedOrder(MedicationRequestStatus status) {
            assertThat(pregnantAt(56, progesterone(status))).isEmpty();
        }

        @Test
        @DisplayName("Should fire at 15+6 weeks")
        void fifteenWeeksSixDays() {
            assertThat(pregnantAt(111, progesterone(MedicationRequestStatus.ACTIVE)))
                    .extracting(Finding::ruleId)
                    .containsExactly("RPL-11");
        }

        @Test
        @DisplayName("Should not fire at 16+0 weeks, where progesterone has other indications")
        void sixteenWeeks() {
            assertThat(pregnantAt(112, progesterone(MedicationRequestStatus.ACTIVE)))
                    .isEmpty();
        }

        @Test
        @DisplayName("Should not fire when the gestational age is unknown: it must be before 16+0 weeks")
        void unknownGestation() {
            assertThat(given(List.of(
                                    woman("p1", "1990-01-01"),
                                    condition("a", "p1", SNOMED, "19169002", "2023-01-10"),
                                    condition("b", "p1", SNOMED, "19169002", "2024-01-10"),
                                    activeCondition("preg", "p1", SNOMED, "77386006", "2025-04-01"),
                                    progesterone(MedicationRequestStatus.ACTIVE)))
                            .when(rule)
                            .findings())
                    .isEmpty();
        }

        @Test
        @DisplayName("Should not fire after one loss: recurrent pregnancy loss is not identified")
        void oneLoss() {
            assertThat(given(List.of(
                                    woman("p1", "1990-01-01"),
                                    condition("a", "p1", SNOMED, "19169002", "2024-01-10"),
                                    activeCondition("preg", "p1", SNOMED, "77386006", "2025-01-01"),
                                    Fhir.dueDateFor("edd", "p1", 56),
                                    progesterone(MedicationRequestStatus.ACTIVE)))
                            .when(rule)
                            .findings())
                    .isEmpty();
        }

        @Test
        @DisplayName("Should suggest neither deleting nor stopping it, and say why in the detail")
        void neverStops() {
            // given
            List<Finding> findings = pregnantAt(56, progesterone(MedicationRequestStatus.ACTIVE));

            // then
            assertThat(findings).singleElement().satisfies(f -> {
                assertThat(f.actions()).isEmpty();
                assertThat(RuleSpec.markdown(f)).contains("frozen-embryo-transfer cycle");
            });
        }

        @Test
        @DisplayName("Should not take hydroxyprogesterone caproate for progesterone")
        void hydroxyprogesterone() {
            assertThat(pregnantAt(
                            98,
                            prescription(
                                    "17p",
                                    "p1",
                                    null,
                                    "Hydroxyprogesterone caproate 250 mg/mL injection",
                                    MedicationRequestStatus.ACTIVE,
                                    "2025-05-20")))
                    .isEmpty();
        }
    }

    @Nested
    @DisplayName("when an indication is recorded")
    class WithIndication {

        @Test
        @DisplayName("Should not fire when early-pregnancy bleeding is recorded")
        void bleeding() {
            assertThat(pregnantAt(
                            56,
                            progesterone(MedicationRequestStatus.ACTIVE),
                            activeCondition("bleed", "p1", ICD10CM, "O20.0", "2025-05-29")))
                    .isEmpty();
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(
                strings = {
                    "Luteal phase support after frozen embryo transfer",
                    "IVF pregnancy",
                    "Prevention of preterm birth: short cervix"
                })
        @DisplayName("Should not fire when the order's reason gives another indication")
        void reasonOnTheOrder(String reason) {
            assertThat(pregnantAt(56, Fhir.reason(progesterone(MedicationRequestStatus.ACTIVE), reason)))
                    .isEmpty();
        }

        @Test
        @DisplayName("Should not fire when the dosage instruction gives another indication")
        void indicationInDosage() {
            MedicationRequest order = progesterone(MedicationRequestStatus.ACTIVE);
            order.addDosageInstruction().setText("200 mg vaginally at night for luteal support until 10 weeks");

            assertThat(pregnantAt(56, order)).isEmpty();
        }

        @Test
        @DisplayName("Should not fire in a pregnancy after assisted reproduction (O09.811)")
        void artPregnancy() {
            assertThat(pregnantAt(
                            56,
                            progesterone(MedicationRequestStatus.ACTIVE),
                            activeCondition("art", "p1", ICD10CM, "O09.811", "2025-04-10")))
                    .isEmpty();
        }

        @Test
        @DisplayName("Should still fire when the assisted-reproduction code is of an earlier pregnancy, resolved")
        void artInAnEarlierPregnancy() {
            assertThat(pregnantAt(
                            56,
                            progesterone(MedicationRequestStatus.ACTIVE),
                            condition("art", "p1", ICD10CM, "O09.812", "2022-05-10")))
                    .extracting(Finding::ruleId)
                    .containsExactly("RPL-11");
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"Z87.51", "O09.212", "N88.3", "O34.31"})
        @DisplayName("Should not fire after a preterm birth or with cervical insufficiency on record")
        void historyOnRecord(String code) {
            assertThat(pregnantAt(
                            56,
                            progesterone(MedicationRequestStatus.ACTIVE),
                            condition("history", "p1", ICD10CM, code, "2023-06-01")))
                    .isEmpty();
        }

        @Test
        @DisplayName("Should not fire with cervical incompetence in SNOMED CT (17382005)")
        void cervicalIncompetenceSnomed() {
            assertThat(pregnantAt(
                            56,
                            progesterone(MedicationRequestStatus.ACTIVE),
                            condition("ci", "p1", SNOMED, "17382005", "2023-06-01")))
                    .isEmpty();
        }

        @Test
        @DisplayName("Should not fire when the preterm-birth count (11637-6) is above 0, and fire when it is 0")
        void pretermBirthCount() {
            assertThat(pregnantAt(
                            56,
                            progesterone(MedicationRequestStatus.ACTIVE),
                            Fhir.count("preterm", "p1", "11637-6", 1, "2025-03-01")))
                    .isEmpty();
            assertThat(pregnantAt(
                            56,
                            progesterone(MedicationRequestStatus.ACTIVE),
                            Fhir.count("preterm", "p1", "11637-6", 0, "2025-03-01")))
                    .extracting(Finding::ruleId)
                    .containsExactly("RPL-11");
        }

        @Test
        @DisplayName("Should not fire after a second-trimester loss")
        void secondTrimesterLoss() {
            assertThat(pregnantAt(
                            56,
                            progesterone(MedicationRequestStatus.ACTIVE),
                            condition("mid", "p1", SNOMED, "85116003", "2022-03-01")))
                    .isEmpty();
        }

        @Test
        @DisplayName("Should not fire with a cervical length of 25 mm in this pregnancy, and fire at 26 mm")
        void cervicalLength() {
            assertThat(pregnantAt(
                            105,
                            progesterone(MedicationRequestStatus.ACTIVE),
                            Fhir.quantity("cl", "p1", "11961-0", "25", "mm", "2025-05-30")))
                    .isEmpty();
            assertThat(pregnantAt(
                            105,
                            progesterone(MedicationRequestStatus.ACTIVE),
                            Fhir.quantity("cl", "p1", "11961-0", "26", "mm", "2025-05-30")))
                    .extracting(Finding::ruleId)
                    .containsExactly("RPL-11");
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"Frozen embryo transfer", "ART pregnancy", "Luteal support"})
        @DisplayName("Should not fire when the reason names assisted reproduction or luteal support")
        void reasonNamesArt(String reason) {
            assertThat(pregnantAt(56, Fhir.reason(progesterone(MedicationRequestStatus.ACTIVE), reason)))
                    .isEmpty();
        }

        @Test
        @DisplayName("Should still fire when the reason is recurrent miscarriage")
        void reasonIsRecurrentMiscarriage() {
            assertThat(pregnantAt(
                            56, Fhir.reason(progesterone(MedicationRequestStatus.ACTIVE), "Recurrent miscarriage")))
                    .extracting(Finding::ruleId)
                    .containsExactly("RPL-11");
        }
    }

    @Test
    @DisplayName("Should not fire outside pregnancy")
    void notPregnant() {
        assertThat(given(List.of(woman("p1", "1990-01-01"), progesterone(MedicationRequestStatus.ACTIVE)))
                        .when(rule)
                        .findings())
                .isEmpty();
    }
}
