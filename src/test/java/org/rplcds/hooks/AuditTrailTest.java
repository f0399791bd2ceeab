package org.rplcds.hooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rplcds.support.Fhir.condition;
import static org.rplcds.support.Fhir.woman;
import static org.rplcds.support.HookRequests.SERVICE;

import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.ValidationResult;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.rplcds.support.CdsServiceTest;
import org.rplcds.support.Fhir;
import org.rplcds.support.FhirTestServer;
import org.rplcds.support.HookRequests;
import org.rplcds.support.Http;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The audit trail through HTTP: each call to the running service is read back from {@code
 * /governance/AuditEvent} as a FHIR R4 AuditEvent, valid by HAPI's instance validator, holding what
 * the call did and nothing of the chart.
 */
@CdsServiceTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("Audit trail")
class AuditTrailTest {

    static final String TOKEN = "opaque-token-7c1d";
    static final String AUDIT = "/governance/AuditEvent";

    @LocalServerPort
    int port;

    FhirValidator validator;

    @BeforeAll
    void validator() {
        var context = Fhir.CONTEXT;
        var chain = new ValidationSupportChain(
                new DefaultProfileValidationSupport(context),
                new CommonCodeSystemsTerminologyService(context),
                new InMemoryTerminologyServerValidationSupport(context),
                new SnapshotGeneratingValidationSupport(context));
        validator = context.newValidator();
        validator.registerValidatorModule(new FhirInstanceValidator(chain));
    }

    /** A patient of the test's own, so that no other test's calls are found with hers. */
    static String patient() {
        return "audit-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** The events of a patient, as the trail gives them back. */
    List<JsonNode> events(String patient) {
        Http.Answer answer = new Http(port).get(AUDIT + "?patient=Patient/" + patient);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.header("Content-Type")).startsWith("application/fhir+json");
        JsonNode bundle = answer.json();
        assertThat(bundle.get("resourceType").asText()).isEqualTo("Bundle");
        assertThat(bundle.get("type").asText()).isEqualTo("searchset");
        List<JsonNode> events = new ArrayList<>();
        bundle.path("entry").forEach(entry -> events.add(entry.get("resource")));
        assertThat(bundle.get("total").asInt()).isEqualTo(events.size());
        return events;
    }

    static List<JsonNode> entities(JsonNode event, String name) {
        List<JsonNode> found = new ArrayList<>();
        event.path("entity").forEach(entity -> {
            if (name.equals(entity.path("name").asText())) {
                found.add(entity);
            }
        });
        return found;
    }

    static String detail(JsonNode entity, String type) {
        for (JsonNode detail : entity.path("detail")) {
            if (detail.get("type").asText().equals(type)) {
                return detail.get("valueString").asText();
            }
        }
        return null;
    }

    void assertValid(JsonNode event) {
        ValidationResult result = validator.validateWithResult(event.toString());
        assertThat(result.getMessages())
                .filteredOn(m -> m.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal())
                .as(event.toPrettyString())
                .isEmpty();
    }

    @Test
    @DisplayName(
            "Should record a hook call as one valid AuditEvent: who, hookInstance, patient, each card shown, HTTP 200")
    void recordsAHookCall() {
        // given
        String patient = patient();
        String hookInstance = UUID.randomUUID().toString();
        String request = HookRequests.patientView(patient)
                .hookInstance(hookInstance)
                .prefetch(Fhir.womanWithLosses(patient, "2023-01-10", "2023-06-20", "2024-02-03"))
                .json();

        // when
        Http.Answer answer = new Http(port).post(SERVICE, request);

        // then
        assertThat(answer.status()).isEqualTo(200);
        List<String> shown = new ArrayList<>();
        answer.json().get("cards").forEach(card -> shown.add(card.get("uuid").asText()));
        assertThat(shown).isNotEmpty();
        List<JsonNode> events = events(patient);
        assertThat(events).hasSize(1);
        JsonNode event = events.get(0);
        assertValid(event);
        assertThat(event.get("resourceType").asText()).isEqualTo("AuditEvent");
        assertThat(event.at("/type/code").asText()).isEqualTo("rest");
        assertThat(event.get("action").asText()).isEqualTo("E");
        assertThat(event.get("outcome").asText()).isEqualTo("0");
        assertThat(event.get("outcomeDesc").asText()).isEqualTo("HTTP 200");
        assertThat(event.get("subtype").findValuesAsText("code")).containsExactly("hook", "patient-view");
        // the user who opened the chart asks; client tokens are not checked under the demo profile
        assertThat(event.get("agent").findValuesAsText("reference")).contains("Practitioner/example");
        assertThat(event.at("/entity/0/what/reference").asText()).isEqualTo("Patient/" + patient);
        assertThat(entities(event, "hookInstance")).singleElement().satisfies(e -> assertThat(
                        e.at("/what/identifier/value").asText())
                .isEqualTo(hookInstance));
        List<String> recorded = new ArrayList<>();
        event.path("entity").forEach(entity -> {
            if ("shown".equals(detail(entity, "disposition"))) {
                recorded.add(entity.at("/what/identifier/value").asText().replace("urn:uuid:", ""));
                assertThat(detail(entity, "rule")).startsWith("RPL-");
            }
        });
        assertThat(recorded).containsExactlyInAnyOrderElementsOf(shown);
        // nothing of the chart: no dates of her losses, no words of her cards
        assertThat(event.toString())
                .doesNotContain("2023-06-20")
                .doesNotContain(answer.json().at("/cards/0/summary").asText());
    }

    @Test
    @DisplayName("Should record each read of the FHIR server with its type, pages and status, and never the token")
    void recordsFallbackReads() throws Exception {
        // given
        String patient = patient();
        try (FhirTestServer fhir = FhirTestServer.start()
                .requireToken(TOKEN)
                .add(
                        woman(patient, "1990-04-02"),
                        condition("c1", patient, Fhir.SNOMED, "19169002", "2023-02-10"),
                        condition("c2", patient, Fhir.SNOMED, "19169002", "2024-05-20"))) {
            String request = HookRequests.patientView(patient)
                    .fhirServer(fhir.baseUrl(), TOKEN)
                    .json();

            // when
            Http.Answer answer = new Http(port).post(SERVICE, request);

            // then
            assertThat(answer.status()).isEqualTo(200);
            JsonNode event = events(patient).get(0);
            assertValid(event);
            List<String> types = new ArrayList<>();
            event.path("entity").forEach(entity -> {
                if ("24".equals(entity.at("/role/code").asText())) {
                    types.add(detail(entity, "resourceType"));
                    assertThat(detail(entity, "server")).isEqualTo(fhir.baseUrl());
                    assertThat(detail(entity, "status")).isEqualTo("complete");
                    assertThat(Integer.parseInt(detail(entity, "pages"))).isPositive();
                }
            });
            assertThat(types)
                    .contains("Patient", "Condition", "Observation", "MedicationRequest", "Procedure")
                    .hasSize(fhir.requests().size());
            assertThat(entities(event, "Condition")).singleElement().satisfies(e -> assertThat(detail(e, "resources"))
                    .isEqualTo("2"));
            assertThat(event.toString()).doesNotContain(TOKEN).doesNotContain("19169002");
        }
    }

    @Test
    @DisplayName("Should record a call the FHIR server refuses as answered 412, a failure of the caller")
    void recordsA412() throws Exception {
        // given
        String patient = patient();
        try (FhirTestServer fhir = FhirTestServer.start().requireToken(TOKEN).add(woman(patient, "1990-04-02"))) {
            String request = HookRequests.patientView(patient)
                    .fhirServer(fhir.baseUrl(), "wrong-token")
                    .json();

            // when
            Http.Answer answer = new Http(port).post(SERVICE, request);

            // then
            assertThat(answer.status()).isEqualTo(412);
            JsonNode event = events(patient).get(0);
            assertValid(event);
            assertThat(event.get("outcome").asText()).isEqualTo("4");
            assertThat(event.get("outcomeDesc").asText()).isEqualTo("HTTP 412");
            assertThat(entities(event, "Condition")).singleElement().satisfies(e -> assertThat(detail(e, "status"))
                    .contains("HTTP 401"));
            assertThat(event.toString()).doesNotContain("wrong-token");
        }
    }

    @Test
    @DisplayName("Should record a malformed call as answered 400, found by its date")
    void recordsAMalformedCall() {
        // given: no patient in the context
        String hookInstance = UUID.randomUUID().toString();
        String request = HookRequests.patientView("x")
                .hookInstance(hookInstance)
                .contextValue("patientId", null)
                .json();

        // when
        Http.Answer answer = new Http(port).post(SERVICE, request);

        // then
        assertThat(answer.status()).isEqualTo(400);
        // every event of the day, page by page: the other tests of the service call on that day too
        List<JsonNode> mine = new ArrayList<>();
        String next = AUDIT + "?date=ge2025-06-01&date=lt2025-06-02&_count=500";
        while (next != null) {
            JsonNode bundle = new Http(port).get(next).json();
            bundle.path("entry").forEach(entry -> {
                if (entry.get("resource").toString().contains(hookInstance)) {
                    mine.add(entry.get("resource"));
                }
            });
            next = null;
            for (JsonNode link : bundle.path("link")) {
                if (link.get("relation").asText().equals("next")) {
                    String url = link.get("url").asText();
                    next = url.substring(url.indexOf("/governance"));
                }
            }
        }
        assertThat(mine).singleElement().satisfies(event -> {
            assertValid(event);
            assertThat(event.get("outcomeDesc").asText()).isEqualTo("HTTP 400");
            assertThat(event.get("outcome").asText()).isEqualTo("4");
        });
    }

    @Test
    @DisplayName("Should page the search _count at a time with a next link, and read each event by its id")
    void pagesAndReads() {
        // given: three calls for one patient
        String patient = patient();
        for (int i = 0; i < 3; i++) {
            String request = HookRequests.patientView(patient)
                    .prefetch(Fhir.womanWithLosses(patient, "2023-01-10", "2023-06-20"))
                    .json();
            assertThat(new Http(port).post(SERVICE, request).status()).isEqualTo(200);
        }

        // when
        JsonNode first =
                new Http(port).get(AUDIT + "?patient=" + patient + "&_count=2").json();

        // then
        assertThat(first.get("total").asInt()).isEqualTo(3);
        assertThat(first.get("entry")).hasSize(2);
        String next = null;
        for (JsonNode link : first.get("link")) {
            if (link.get("relation").asText().equals("next")) {
                next = link.get("url").asText();
            }
        }
        assertThat(next).isNotNull().contains("_offset=2");
        JsonNode second =
                new Http(port).get(next.substring(next.indexOf("/governance"))).json();
        assertThat(second.get("entry")).hasSize(1);
        assertThat(second.get("link").findValuesAsText("relation")).containsExactly("self");
        String fullUrl = second.at("/entry/0/fullUrl").asText();
        Http.Answer read = new Http(port).get(fullUrl.substring(fullUrl.indexOf("/governance")));
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json()).isEqualTo(second.at("/entry/0/resource"));
    }

    @Test
    @DisplayName("Should find nothing outside the date range, and refuse a search it cannot read with 400")
    void searchesByDate() {
        // given
        String patient = patient();
        String request = HookRequests.patientView(patient)
                .prefetch(Fhir.womanWithLosses(patient, "2023-01-10", "2023-06-20"))
                .json();
        assertThat(new Http(port).post(SERVICE, request).status()).isEqualTo(200);
        String mine = AUDIT + "?patient=" + patient;

        // when, then: the test's clock stands at 2025-06-01
        assertThat(new Http(port)
                        .get(mine + "&date=2025-06-01")
                        .json()
                        .get("total")
                        .asInt())
                .isEqualTo(1);
        assertThat(new Http(port)
                        .get(mine + "&date=ge2025-06-02")
                        .json()
                        .get("total")
                        .asInt())
                .isZero();
        assertThat(new Http(port)
                        .get(mine + "&date=lt2025-06-01")
                        .json()
                        .get("total")
                        .asInt())
                .isZero();
        assertThat(new Http(port)
                        .get(mine + "&date=ge2025-05-31T00:00:00Z&date=le2025-06-01")
                        .json()
                        .get("total")
                        .asInt())
                .isEqualTo(1);
        for (String bad : List.of("&date=yesterday", "&date=xx2025-06-01", "&_count=0", "&_count=501")) {
            Http.Answer answer = new Http(port).get(mine + bad);
            assertThat(answer.status()).as(bad).isEqualTo(400);
            assertThat(answer.json().get("error").asText()).isEqualTo("bad-request");
        }
        assertThat(new Http(port).get(AUDIT).status()).isEqualTo(400);
        assertThat(new Http(port).get(AUDIT + "/no-such-event").status()).isEqualTo(404);
    }
}
