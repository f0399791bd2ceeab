package org.rplcds.hooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rplcds.support.Fhir.ICD10CM;
import static org.rplcds.support.Fhir.SNOMED;
import static org.rplcds.support.Fhir.condition;
import static org.rplcds.support.Fhir.woman;
import static org.rplcds.support.HookRequests.SERVICE;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rplcds.support.CdsServiceTest;
import org.rplcds.support.Fhir;
import org.rplcds.support.HookRequests;
import org.rplcds.support.Http;
import org.springframework.boot.test.web.server.LocalServerPort;

@CdsServiceTest
@DisplayName("POST /cds-services/recurrent-miscarriage")
class PatientViewTest {

    @LocalServerPort
    int port;

    Http http() {
        return new Http(port);
    }

    static HookRequests twoMiscarriages() {
        return HookRequests.patientView("p1")
                .prefetch(
                        woman("p1", "1990-04-02"),
                        condition("c1", "p1", SNOMED, "19169002", "2023-02-10"),
                        condition("c2", "p1", ICD10CM, "O03.9", "2024-05-20"));
    }

    @Nested
    @DisplayName("when two miscarriages are prefetched")
    class WhenTwoMiscarriagesArePrefetched {

        @Test
        @DisplayName("Should answer one RPL-01 evaluation card that cites its guideline")
        void answersTheRpl01Card() {
            // when
            Http.Answer answer = http().post(SERVICE, twoMiscarriages().json());

            // then
            assertThat(answer.status()).isEqualTo(200);
            JsonNode cards = answer.json().get("cards");
            assertThat(cards)
                    .extracting(c -> c.at("/source/topic/code").asText())
                    .containsExactly("RPL-01");
            JsonNode card = cards.get(0);
            assertThat(card.get("uuid").asText()).matches("[0-9a-f-]{36}");
            assertThat(card.get("summary").asText())
                    .hasSizeLessThanOrEqualTo(140)
                    .startsWith("Recurrent pregnancy loss: 2 losses (ESHRE 2022). Still to do: ");
            assertThat(card.get("indicator").asText()).isEqualTo("info");
            assertThat(card.at("/source/label").asText()).contains("ESHRE");
            assertThat(card.at("/source/url").asText()).startsWith("https://");
            assertThat(card.at("/source/topic/code").asText()).isEqualTo("RPL-01");
            assertThat(card.get("detail").asText())
                    .contains("2023-02-10")
                    .contains("Condition/c1")
                    .contains("Condition/c2");
        }

        @Test
        @DisplayName("Should suggest a provisional N96 problem, with selection behaviour and override reasons")
        void suggestsTheProblemListEntry() {
            // when
            JsonNode card =
                    http().post(SERVICE, twoMiscarriages().json()).json().at("/cards/0");

            // then
            JsonNode action = card.at("/suggestions/0/actions/0");
            assertThat(action.get("type").asText()).isEqualTo("create");
            assertThat(action.at("/resource/resourceType").asText()).isEqualTo("Condition");
            assertThat(action.at("/resource/code/coding/0/code").asText()).isEqualTo("N96");
            assertThat(action.at("/resource/verificationStatus/coding/0/code").asText())
                    .isEqualTo("provisional");
            assertThat(action.at("/resource/subject/reference").asText()).isEqualTo("Patient/p1");
            // The evaluation card's suggestions each stand alone.
            assertThat(card.get("selectionBehavior").asText()).isEqualTo("any");
            assertThat(card.get("overrideReasons")).isNotEmpty();
        }

        @Test
        @DisplayName("Should give the same card the same uuid on every call, so feedback can refer to it")
        void keepsTheUuidStable() {
            // when
            String first = http().post(SERVICE, twoMiscarriages().json())
                    .json()
                    .at("/cards/0/uuid")
                    .asText();
            String second = http().post(SERVICE, twoMiscarriages().json())
                    .json()
                    .at("/cards/0/uuid")
                    .asText();

            // then
            assertThat(first).isEqualTo(second);
        }

        @Test
        @DisplayName("Should put no null, empty string, empty array or empty object on the wire")
        void writesNoEmptyValues() {
            // when
            String body = http().post(SERVICE, twoMiscarriages().json()).body();

            // then
            assertThat(body)
                    .doesNotContain("null")
                    .doesNotContain("[]")
                    .doesNotContain("{}")
                    .doesNotContain("\"\"");
        }

        @Test
        @DisplayName("Should tolerate unknown members and extensions")
        void toleratesExtensions() {
            // given
            ObjectNode request = twoMiscarriages().node();
            request.putObject("extension").put("com.example.timestamp", "2017-11-27T22:13:25Z");
            request.put("somethingNew", true);
            ((ObjectNode) request.get("context")).put("encounterId", "89284").put("newContextField", 1);

            // when
            Http.Answer answer = http().post(SERVICE, request.toString());

            // then
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.json().at("/cards/0/source/topic/code").asText()).isEqualTo("RPL-01");
        }
    }

    @Nested
    @DisplayName("when nothing applies")
    class WhenNothingApplies {

        @Test
        @DisplayName("Should answer an empty cards array for a single miscarriage")
        void answersEmptyCards() {
            // given
            String request = HookRequests.patientView("p2")
                    .prefetch(woman("p2", "1990-01-01"), condition("c1", "p2", SNOMED, "19169002", "2023-02-10"))
                    .json();

            // when
            Http.Answer answer = http().post(SERVICE, request);

            // then
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.body()).isEqualTo("{\"cards\":[]}");
        }

        @Test
        @DisplayName("Should answer no card for a man whatever his record holds")
        void answersNoCardForAMan() {
            // given
            String request = HookRequests.patientView("m1")
                    .prefetch(
                            Fhir.patient("m1", AdministrativeGender.MALE, "1980-01-01"),
                            condition("c1", "m1", SNOMED, "19169002", "2020-02-10"),
                            condition("c2", "m1", SNOMED, "19169002", "2021-02-10"),
                            condition("c3", "m1", SNOMED, "19169002", "2022-02-10"))
                    .json();

            // when
            Http.Answer answer = http().post(SERVICE, request);

            // then
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.json().get("cards")).isEmpty();
        }

        @Test
        @DisplayName("Should take a null prefetch value as known absent and fetch nothing")
        void takesNullAsKnownAbsent() {
            // given: no fhirServer, so a fetch attempt would answer 412
            HookRequests request = HookRequests.patientView("p3").prefetch(woman("p3", "1990-01-01"));
            for (String key :
                    List.of("conditions", "observations", "medicationRequests", "serviceRequests", "procedures")) {
                request.nullPrefetch(key);
            }

            // when
            Http.Answer answer = http().post(SERVICE, request.json());

            // then
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.json().get("cards")).isEmpty();
        }
    }

    @Test
    @DisplayName("Should accept a single resource where a search Bundle is expected")
    void acceptsSingleResourcesForSearches() {
        // given
        String request = twoMiscarriages()
                .prefetchValue("conditions", Fhir.json(condition("c9", "p1", SNOMED, "17369002", "2022-01-01")))
                .prefetchValue("observations", Fhir.json(Fhir.count("o1", "p1", "11614-5", 3, "2024-06-01")))
                .json();

        // when
        Http.Answer answer = http().post(SERVICE, request);

        // then
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().at("/cards/0/summary").asText()).contains("3 losses");
    }

    @Test
    @DisplayName(
            "Should answer 412 naming every key it could not get when prefetch is missing and no fhirServer is given")
    void answers412WithoutFhirServer() {
        // given
        String request = twoMiscarriages()
                .withoutPrefetch("conditions")
                .withoutPrefetch("procedures")
                .json();

        // when
        Http.Answer answer = http().post(SERVICE, request);

        // then
        assertThat(answer.status()).isEqualTo(412);
        assertThat(answer.json().get("error").asText()).isEqualTo("missing-prefetch");
        List<String> missing = new ArrayList<>();
        answer.json().get("missing").fieldNames().forEachRemaining(missing::add);
        assertThat(missing).containsExactly("conditions", "procedures");
    }

    @Test
    @DisplayName("Should answer 404 with a JSON body for an unknown service")
    void answers404ForUnknownService() {
        // when
        Http.Answer answer =
                http().post("/cds-services/no-such-service", twoMiscarriages().json());

        // then
        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.json().get("error").asText()).isEqualTo("not-found");
    }

    static List<Object[]> malformedRequests() {
        String valid = twoMiscarriages().json();
        return List.of(
                new Object[] {"not JSON", "{\"hook\": ", "not valid JSON"},
                new Object[] {"an array", "[]", "JSON object"},
                new Object[] {"no hook", without(valid, "hook"), "hook is required"},
                new Object[] {"hook a number", with(valid, "hook", "7"), "hook must be a non-empty string"},
                new Object[] {"another hook", with(valid, "hook", "\"order-sign\""), "answers the patient-view hook"},
                new Object[] {"no context", without(valid, "context"), "context is required"},
                new Object[] {"context a string", with(valid, "context", "\"p1\""), "context must be a JSON object"},
                new Object[] {
                    "no patientId",
                    with(valid, "context", "{\"userId\":\"Practitioner/1\"}"),
                    "context.patientId is required"
                },
                new Object[] {
                    "patientId a number",
                    with(valid, "context", "{\"patientId\":12}"),
                    "context.patientId must be a non-empty string"
                },
                new Object[] {
                    "patientId with a path", with(valid, "context", "{\"patientId\":\"1/_history\"}"), "FHIR id"
                },
                new Object[] {"prefetch an array", with(valid, "prefetch", "[]"), "prefetch must be a JSON object"},
                new Object[] {
                    "prefetch value a string",
                    with(valid, "prefetch", "{\"patient\":\"Patient/1\"}"),
                    "prefetch.patient must be a FHIR resource or null"
                },
                new Object[] {
                    "prefetch value not FHIR",
                    with(valid, "prefetch", "{\"patient\":{\"response\":{}}}"),
                    "prefetch.patient must be a FHIR resource or null"
                },
                new Object[] {
                    "prefetch unknown resourceType",
                    with(valid, "prefetch", "{\"patient\":{\"resourceType\":\"Nonsense\"}}"),
                    "not a valid FHIR R4 resource"
                },
                new Object[] {
                    "fhirServer not a URL",
                    with(valid, "fhirServer", "\"fhir server\""),
                    "fhirServer must be an absolute http(s) URL"
                },
                new Object[] {
                    "fhirAuthorization without token",
                    with(valid, "fhirAuthorization", "{\"token_type\":\"Bearer\"}"),
                    "fhirAuthorization.access_token is required"
                });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedRequests")
    @DisplayName("Should answer 400 with a JSON body that says what was wrong")
    void answers400ForMalformedRequests(String name, String body, String message) {
        // when
        Http.Answer answer = http().post(SERVICE, body);

        // then
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("error").asText()).isEqualTo("bad-request");
        assertThat(answer.json().get("message").asText()).contains(message);
    }

    private static String with(String json, String field, String value) {
        ObjectNode node = parse(json);
        node.set(field, parse("{\"v\":" + value + "}").get("v"));
        return node.toString();
    }

    private static String without(String json, String field) {
        ObjectNode node = parse(json);
        node.remove(field);
        return node.toString();
    }

    private static ObjectNode parse(String json) {
        try {
            return (ObjectNode) HookRequests.JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
