package org.rplcds.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rplcds.rules.RuleSpec.given;
import static org.rplcds.support.Fhir.ICD10CM;
import static org.rplcds.support.Fhir.SNOMED;
import static org.rplcds.support.Fhir.activeCondition;
import static org.rplcds.support.Fhir.condition;
import static org.rplcds.support.Fhir.prescription;
import static org.rplcds.support.Fhir.woman;

import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.MedicationRequest.MedicationRequestStatus;
import org.hl7.fhir.r4.model.ServiceRequest.ServiceRequestStatus;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.rplcds.support.Fhir;
import org.rplcds.support.FhirOrders;

@DisplayName("RPL-11 progesterone without indication, while the orders are written (order-select, order-sign)")
class Rpl11ProgesteroneWithoutIndicationAtOrderingTest {

    final OrderAdvice rule = new Rpl11ProgesteroneWithoutIndication();

    /** Pregnant at the given gestational age (days) after two losses, with the given entries. */
    static RuleSpec.Given pregnantAt(int days, IBaseResource... more) {
        List<IBaseResource> resources = new ArrayList<>(List.of(
                woman("p1", "1990-01-01"),
                condition("a", "p1", SNOMED, "19169002", "2023-01-10"),
                condition("b", "p1", SNOMED, "19169002", "2024-01-10"),
                activeCondition("preg", "p1", SNOMED, "77386006", "2025-01-01"),
                Fhir.dueDateFor("edd", "p1", days)));
        resources.addAll(List.of(more));
        return given(resources);
    }

    static MedicationRequest draftProgesterone() {
        return prescription(
                "prog-1", "p1", "8727", "Progesterone 400 mg vaginal pessary", MedicationRequestStatus.DRAFT, null);
    }

    @Test
    @DisplayName("Should recall PROMISE on a draft progesterone at 15+6 weeks without bleeding, citing the draft")
    void firesOnTheDraftBeforeSixteenWeeks() {
        // given
        var patient = pregnantAt(15 * 7 + 6);

        // when
        Finding card = patient.whenOrdering(rule, draftProgesterone()).card();

        // then
        assertThat(card.summary()).isEqualTo(Rpl11ProgesteroneWithoutIndicationTest.SUMMARY);
        assertThat(card.links()).containsExactly(Citation.RCOG_2023);
        assertThat(RuleSpec.markdown(card)).contains("MedicationRequest/prog-1");
    }

    @Test
    @DisplayName("Should give no card from 16+0 weeks, where progesterone has another indication")
    void silentFromSixteenWeeks() {
        // given
        var patient = pregnantAt(16 * 7);

        // when
        var then = patient.whenOrdering(rule, draftProgesterone());

        // then
        then.noCard();
    }

    @Test
    @DisplayName("Should give no card when bleeding is recorded in this pregnancy")
    void silentWithBleeding() {
        // given
        var patient = pregnantAt(8 * 7, activeCondition("bleed", "p1", ICD10CM, "O20.0", "2025-05-30"));

        // when
        List<Finding> cards = patient.ordering(draftProgesterone());

        // then
        assertThat(cards).extracting(Finding::ruleId).doesNotContain("RPL-11", "RPL-23");
    }

    @Test
    @DisplayName("Should give no card when the draft names another indication (luteal support after IVF)")
    void silentWithAnotherIndication() {
        // given
        var patient = pregnantAt(6 * 7);

        // when
        var then = patient.whenOrdering(rule, Fhir.reason(draftProgesterone(), "Luteal phase support after IVF"));

        // then
        then.noCard();
    }

    @Test
    @DisplayName("Should give no card for a woman who is not pregnant")
    void silentWhenNotPregnant() {
        // given
        var patient = given(
                woman("p1", "1990-01-01"),
                condition("a", "p1", SNOMED, "19169002", "2023-01-10"),
                condition("b", "p1", SNOMED, "19169002", "2024-01-10"));

        // when
        var then = patient.whenOrdering(rule, draftProgesterone());

        // then
        then.noCard();
    }

    @Test
    @DisplayName("Should not speak about progesterone already on the chart when the drafts are something else")
    void readsTheDraftsNotTheChart() {
        // given
        var patient = pregnantAt(
                8 * 7,
                prescription("old", "p1", "8727", "Progesterone 200 mg", MedicationRequestStatus.ACTIVE, "2025-05-01"));

        // when
        var then = patient.whenOrdering(
                rule, FhirOrders.orderText("cbc", "p1", ServiceRequestStatus.DRAFT, "Full blood count", null));

        // then
        then.noCard();
    }
}
