package org.rplcds.hooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rplcds.support.Fhir.SNOMED;
import static org.rplcds.support.Fhir.condition;
import static org.rplcds.support.Fhir.woman;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.MedicationRequest.MedicationRequestStatus;
import org.hl7.fhir.r4.model.ServiceRequest.ServiceRequestStatus;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rplcds.cards.OverrideReason;
import org.rplcds.support.CdsServiceTest;
import org.rplcds.support.FhirOrders;
import org.rplcds.support.HookRequests;
import org.rplcds.support.Http;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

@CdsServiceTest
@DisplayName("POST /cds-services/recurrent-miscarriage-order-sign and -order-select")
class OrderHooksTest {

    static final String SIGN = "/cds-services/recurrent-miscarriage-order-sign";
    static final String SELECT = "/cds-services/recurrent-miscarriage-order-select";

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    /** A woman with two losses: RPL under ESHRE 2022. */
    static IBaseResource[] chart() {
        return new IBaseResource[] {
            woman("p1", "1990-01-01"),
            condition("loss-1", "p1", SNOMED, "19169002", "2023-02-01"),
            condition("loss-2", "p1", SNOMED, "19169002", "2024-04-01")
        };
    }

    static IBaseResource nkCellAssay() {
        return FhirOrders.orderText("nk-1", "p1", ServiceRequestStatus.DRAFT, "NK-cell assay", null);
    }

    static IBaseResource fullBloodCount() {
        return FhirOrders.orderText("fbc-1", "p1", ServiceRequestStatus.DRAFT, "Full blood count", null);
    }

    Http.Answer post(String path, HookRequests request) {
        return new Http(port).post(path, request.json());
    }

    @Nested
    @DisplayName("order-sign")
    class OrderSign {

        @Test
        @DisplayName(
                "Should answer RPL-23 on a draft NK-cell assay with a plain-text label and a delete action naming the draft as a string")
        void deletesTheDraft() {
            // given
            HookRequests request = HookRequests.orderSign("p1", nkCellAssay()).prefetch(chart());

            // when
            Http.Answer answer = post(SIGN, request);

            // then
            assertThat(answer.status()).isEqualTo(200);
            JsonNode card = answer.json().get("cards").get(0);
            assertThat(answer.json().get("cards")).hasSize(1);
            assertThat(card.at("/source/topic/code").asText()).isEqualTo("RPL-23");
            assertThat(card.get("summary").asText())
                    .isEqualTo("Not recommended for recurrent pregnancy loss (ESHRE 2022): NK-cell assay.");
            assertThat(card.at("/suggestions/0/label").asText()).isEqualTo("Withdraw the draft NK-cell assay");
            JsonNode action = card.at("/suggestions/0/actions/0");
            assertThat(action.get("type").asText()).isEqualTo("delete");
            assertThat(action.get("resourceId").isTextual()).isTrue();
            assertThat(action.get("resourceId").asText()).isEqualTo("ServiceRequest/nk-1");
        }

        @Test
        @DisplayName("Should answer drafts that no rule judges with no cards, without prefetch or fhirServer")
        void answersOrdinaryDraftsWithoutTheChart() {
            // given no prefetch and no fhirServer
            HookRequests request = HookRequests.orderSign("p1", fullBloodCount());

            // when
            Http.Answer answer = post(SIGN, request);

            // then
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.json().get("cards")).isEmpty();
        }

        @Test
        @DisplayName("Should answer 412 naming the keys when a judged draft needs the chart and it cannot be had")
        void needsTheChartForAJudgedDraft() {
            // given no prefetch and no fhirServer
            HookRequests request = HookRequests.orderSign("p1", nkCellAssay());

            // when
            Http.Answer answer = post(SIGN, request);

            // then
            assertThat(answer.status()).isEqualTo(412);
            assertThat(answer.body()).contains("conditions").contains("medicationRequests");
        }

        @Test
        @DisplayName("Should ignore draft types other than ServiceRequest and MedicationRequest")
        void ignoresOtherTypes() {
            // given
            HookRequests request = HookRequests.orderSign("p1")
                    .contextValue(
                            "draftOrders",
                            "{\"resourceType\":\"Bundle\",\"entry\":[{\"resource\":{\"resourceType\":\"NutritionOrder\","
                                    + "\"id\":\"diet\",\"status\":\"draft\",\"intent\":\"order\","
                                    + "\"patient\":{\"reference\":\"Patient/p1\"},\"dateTime\":\"2025-06-01\"}}]}")
                    .prefetch(chart());

            // when
            Http.Answer answer = post(SIGN, request);

            // then
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.json().get("cards")).isEmpty();
        }
    }

    @Nested
    @DisplayName("draft orders bounded")
    class DraftOrdersBounded {

        IBaseResource[] drafts(int count) {
            IBaseResource[] drafts = new IBaseResource[count];
            for (int i = 0; i < count; i++) {
                drafts[i] = FhirOrders.orderText("nk-" + i, "p1", ServiceRequestStatus.DRAFT, "NK-cell assay", null);
            }
            return drafts;
        }

        @Test
        @DisplayName("Should answer 413 for more than 200 draft orders, and read 200")
        void refusesMoreThan200() {
            // when
            Http.Answer over =
                    post(SIGN, HookRequests.orderSign("p1", drafts(201)).prefetch(chart()));
            Http.Answer at =
                    post(SIGN, HookRequests.orderSign("p1", drafts(200)).prefetch(chart()));

            // then
            assertThat(over.status()).isEqualTo(413);
            assertThat(over.json().get("message").asText()).isEqualTo("context.draftOrders holds more than 200 orders");
            assertThat(at.status()).isEqualTo(200);
        }

        @Test
        @DisplayName("Should offer at most 20 suggestions on a card, and say in the detail how many more there are")
        void capsSuggestions() {
            // when: 30 NK-cell drafts, each of which RPL-23 would withdraw
            Http.Answer answer =
                    post(SIGN, HookRequests.orderSign("p1", drafts(30)).prefetch(chart()));

            // then
            assertThat(answer.status()).isEqualTo(200);
            var card = answer.json().at("/cards/0");
            assertThat(card.at("/source/topic/code").asText()).isEqualTo("RPL-23");
            assertThat(card.get("suggestions")).hasSize(20);
            assertThat(card.get("detail").asText())
                    .contains("10 more suggestions are not shown (at most 20 a card)")
                    .contains("ServiceRequest/nk-29");
        }
    }

    @Nested
    @DisplayName("order-select")
    class OrderSelect {

        @Test
        @DisplayName("Should give cards to the selected orders only")
        void cardsTheSelectionOnly() {
            // given the NK-cell assay drafted but not selected
            HookRequests notSelected = HookRequests.orderSelect(
                            "p1", List.of("ServiceRequest/fbc-1"), nkCellAssay(), fullBloodCount())
                    .prefetch(chart());
            HookRequests selected = HookRequests.orderSelect(
                            "p1", List.of("ServiceRequest/nk-1"), nkCellAssay(), fullBloodCount())
                    .prefetch(chart());

            // when
            Http.Answer without = post(SELECT, notSelected);
            Http.Answer with = post(SELECT, selected);

            // then
            assertThat(without.status()).isEqualTo(200);
            assertThat(without.json().get("cards")).isEmpty();
            assertThat(with.json().get("cards")).hasSize(1);
            assertThat(with.json()
                            .at("/cards/0/suggestions/0/actions/0/resourceId")
                            .asText())
                    .isEqualTo("ServiceRequest/nk-1");
        }

        @Test
        @DisplayName("Should answer a Sandbox-shaped Rx View call on a draft progesterone with RPL-11")
        void answersTheSandboxShape() {
            // given pregnant at 8+0 weeks after two losses
            List<IBaseResource> pregnant = new java.util.ArrayList<>(List.of(chart()));
            pregnant.addAll(FhirOrders.pregnantAt("p1", 8, 0));
            IBaseResource progesterone = FhirOrders.prescription(
                    "request-123",
                    "p1",
                    MedicationRequestStatus.DRAFT,
                    FhirOrders.RXNORM,
                    "1000126",
                    "progesterone 200 MG Oral Capsule",
                    null);
            HookRequests request = HookRequests.orderSelect(
                            "p1", List.of("MedicationRequest/request-123"), progesterone)
                    .prefetch(pregnant.toArray(IBaseResource[]::new));

            // when
            Http.Answer answer = post(SELECT, request);

            // then
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.json().at("/cards/0/source/topic/code").asText()).isEqualTo("RPL-11");
        }
    }

    @Nested
    @DisplayName("a malformed context")
    class MalformedContext {

        @ParameterizedTest(name = "{0}: {1}")
        @CsvSource(
                delimiter = '|',
                value = {
                    "userId|                                                       | context.userId is required",
                    "draftOrders|                                                  | context.draftOrders is required",
                    "draftOrders| \"a bundle\"                                     | context.draftOrders must be a FHIR Bundle",
                    "draftOrders| {\"resourceType\":\"Patient\"}                   | context.draftOrders must be a FHIR Bundle",
                    "draftOrders| {\"resourceType\":\"Bundle\",\"entry\":{}}       | context.draftOrders.entry must be an array",
                    "draftOrders| {\"resourceType\":\"Bundle\",\"entry\":[{}]}     | context.draftOrders.entry[0].resource is required",
                    "draftOrders| {\"resourceType\":\"Bundle\",\"entry\":[{\"resource\":{\"resourceType\":\"MedicationOrder\",\"id\":\"m1\"}}]} | context.draftOrders.entry[0].resource is not a FHIR R4 resource",
                    "draftOrders| {\"resourceType\":\"Bundle\",\"entry\":[{\"resource\":{\"status\":\"draft\"}}]} | context.draftOrders.entry[0].resource must be a FHIR R4 resource",
                })
        @DisplayName("Should answer order-sign 400 with a JSON body naming the field")
        void namesTheField(String key, String json, String message) {
            // given
            HookRequests request = HookRequests.orderSign("p1", nkCellAssay()).contextValue(key, json);

            // when
            Http.Answer answer = post(SIGN, request);

            // then
            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.json().get("message").asText()).isEqualTo(message);
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(
                delimiter = '|',
                value = {
                    "                         | context.selections is required",
                    "\"ServiceRequest/nk-1\"  | context.selections must be an array of references",
                    "[\"nk-1\"]               | context.selections[0] must be a reference such as MedicationRequest/123",
                    "[\"ServiceRequest/nk-1\", 7] | context.selections[1] must be a reference such as MedicationRequest/123",
                })
        @DisplayName("Should answer order-select 400 naming context.selections when it is missing or malformed")
        void namesTheSelections(String json, String message) {
            // given
            HookRequests request =
                    HookRequests.orderSelect("p1", List.of(), nkCellAssay()).contextValue("selections", json);

            // when
            Http.Answer answer = post(SELECT, request);

            // then
            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.json().get("message").asText()).isEqualTo(message);
        }

        @Test
        @DisplayName("Should answer 400 to a patient-view call sent to the order-sign service")
        void refusesAnotherHook() {
            // given
            HookRequests request = HookRequests.patientView("p1").prefetch(chart());

            // when
            Http.Answer answer = post(SIGN, request);

            // then
            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.json().get("message").asText()).contains("order-sign");
        }
    }

    @Nested
    @DisplayName("feedback")
    class Feedback {

        @ParameterizedTest(name = "{0}")
        @CsvSource({"recurrent-miscarriage-order-sign", "recurrent-miscarriage-order-select"})
        @DisplayName("Should store feedback on an order card under the order service's own id")
        void storesUnderTheServiceId(String service) {
            // given a card the order-sign service gave
            String card = post(SIGN, HookRequests.orderSign("p1", nkCellAssay()).prefetch(chart()))
                    .json()
                    .at("/cards/0/uuid")
                    .asText();
            String feedback = "{\"feedback\":[{\"card\":\"" + card + "\",\"outcome\":\"overridden\","
                    + "\"overrideReason\":{\"reason\":{\"system\":\"" + OverrideReason.SYSTEM
                    + "\",\"code\":\"risk-benefit-ratio\"}},"
                    + "\"outcomeTimestamp\":\"2025-06-01T10:15:00Z\"}]}";

            // when
            Http.Answer answer = new Http(port).post("/cds-services/" + service + "/feedback", feedback);

            // then
            assertThat(answer.status()).isEqualTo(200);
            assertThat(jdbc.queryForObject(
                            "select count(*) from feedback where service_id = ? and card_uuid = ?",
                            Integer.class,
                            service,
                            card))
                    .isEqualTo(1);
        }
    }
}
