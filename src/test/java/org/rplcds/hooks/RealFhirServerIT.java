package org.rplcds.hooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rplcds.support.HookRequests.SERVICE;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rplcds.support.CdsServiceTest;
import org.rplcds.support.HookRequests;
import org.rplcds.support.Http;
import org.rplcds.support.JpaFhirServer;
import org.rplcds.support.SyntheaCharts;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * The service against a real HAPI FHIR JPA server (HAPI 8.8.0 on H2, in a child process), loaded
 * with the Synthea records and a chart grown to 1,000 Observations: read without prefetch, or
 * from a first page of prefetch read on, every patient gets the cards of her whole chart in full
 * prefetch. The whole chart is read for comparison by plain HTTP, page by page, without filters.
 */
@CdsServiceTest
// How long the reads take is measured by bench/, not here: the JPA server shares two cores
// with the test JVM, so the budget is wide.
@TestPropertySource(properties = "cds.fallback.total-timeout=30s")
@DisplayName("A real HAPI FHIR JPA server")
class RealFhirServerIT {

    static final String GROWN = "two-losses-now-pregnant with 900 vital signs";
    static final HttpClient CLIENT = HttpClient.newHttpClient();
    static final List<String> SEARCHES =
            List.of("Condition", "Observation", "MedicationRequest", "ServiceRequest", "Procedure", "DiagnosticReport");

    static JpaFhirServer server;
    /** Server patient id by record name. */
    static final Map<String, String> PATIENTS = new LinkedHashMap<>();

    @LocalServerPort
    int port;

    @BeforeAll
    static void load() {
        server = JpaFhirServer.shared();
        for (String name : SyntheaCharts.NAMES) {
            PATIENTS.put(
                    name, server.load(collection(SyntheaCharts.resources(name))).patientId());
        }
        List<Resource> grown = SyntheaCharts.withVitalSigns(SyntheaCharts.resources("two-losses-now-pregnant"), 900);
        PATIENTS.put(GROWN, server.load(collection(grown)).patientId());
    }

    static Bundle collection(List<Resource> resources) {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.COLLECTION);
        resources.forEach(r -> bundle.addEntry().setResource(r));
        return bundle;
    }

    static Stream<String> records() {
        return PATIENTS.keySet().stream();
    }

    static JsonNode get(String url) throws Exception {
        HttpResponse<String> answer = CLIENT.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Accept", "application/fhir+json")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(url).isEqualTo(200);
        return HookRequests.JSON.readTree(answer.body());
    }

    /** Every resource a search matches, page by page, as one Bundle without links. */
    static ObjectNode whole(String query) throws Exception {
        ObjectNode bundle = HookRequests.JSON.createObjectNode();
        bundle.put("resourceType", "Bundle");
        bundle.put("type", "searchset");
        ArrayNode entries = bundle.putArray("entry");
        String url = server.baseUrl() + "/" + query;
        while (url != null) {
            JsonNode page = get(url);
            page.path("entry").forEach(entries::add);
            url = null;
            for (JsonNode link : page.path("link")) {
                if ("next".equals(link.path("relation").asText())) {
                    url = link.path("url").asText();
                }
            }
        }
        bundle.put("total", entries.size());
        return bundle;
    }

    JsonNode cards(String request) {
        Http.Answer answer = new Http(port).post(SERVICE, request);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json().get("cards");
    }

    JsonNode fullPrefetchCards(String patientId) throws Exception {
        ObjectNode request = HookRequests.patientView(patientId).node();
        ObjectNode prefetch = request.putObject("prefetch");
        prefetch.set("patient", get(server.baseUrl() + "/Patient/" + patientId));
        Map<String, String> keys = Map.of(
                "Condition", "conditions",
                "Observation", "observations",
                "MedicationRequest", "medicationRequests",
                "ServiceRequest", "serviceRequests",
                "Procedure", "procedures",
                "DiagnosticReport", "diagnosticReports");
        for (String type : SEARCHES) {
            prefetch.set(keys.get(type), whole(type + "?patient=" + patientId + "&_count=1000"));
        }
        return cards(request.toString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("records")
    @DisplayName("Should give the full-prefetch cards reading the chart from the server without prefetch")
    void readsTheChartWithoutPrefetch(String name) throws Exception {
        // given
        String patientId = PATIENTS.get(name);
        JsonNode expected = fullPrefetchCards(patientId);

        // when
        JsonNode cards = cards(HookRequests.patientView(patientId)
                .fhirServer(server.baseUrl(), null)
                .json());

        // then
        assertThat(cards).isEqualTo(expected);
    }

    @Test
    @DisplayName("Should read on from the server when each search was prefetched 20 at a time, first page only")
    void readsOnFromFirstPages() throws Exception {
        // given: what a client sends that asks the server for 20 a page and sends the first
        String patientId = PATIENTS.get(GROWN);
        JsonNode expected = fullPrefetchCards(patientId);
        ObjectNode request = HookRequests.patientView(patientId)
                .fhirServer(server.baseUrl(), null)
                .node();
        ObjectNode prefetch = request.putObject("prefetch");
        List<String> paged = new ArrayList<>();
        new Http(port)
                .get("/cds-services")
                .json()
                .at("/services/0/prefetch")
                .fields()
                .forEachRemaining(template -> {
                    String query = template.getValue()
                            .asText()
                            .replace("{{context.patientId}}", patientId)
                            .replace("_count=1000", "_count=20");
                    try {
                        JsonNode page = get(server.baseUrl() + "/" + query);
                        if (page.path("link").toString().contains("\"next\"")) {
                            paged.add(template.getKey());
                        }
                        prefetch.set(template.getKey(), page);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });

        // when
        JsonNode cards = cards(request.toString());

        // then
        assertThat(paged).contains("conditions", "observations");
        assertThat(cards).isEqualTo(expected);
    }

    @Test
    @DisplayName(
            "Should find the chart it reads far smaller than the whole: no vital sign but body weight is asked for")
    void readsFarLessThanTheWholeChart() throws Exception {
        // given
        String patientId = PATIENTS.get(GROWN);
        String filtered = new Http(port)
                .get("/cds-services")
                .json()
                .at("/services/0/prefetch/observations")
                .asText()
                .replace("{{context.patientId}}", patientId);

        // when
        int all = whole("Observation?patient=" + patientId + "&_count=1000")
                .get("entry")
                .size();
        JsonNode entries = whole(filtered).get("entry");
        int asked = entries.size();
        int weights = 0;
        for (JsonNode entry : entries) {
            if (entry.at("/resource/code/coding/0/code").asText().equals("29463-7")) {
                weights++;
            }
        }

        // then: body weight is asked for (doses by weight), the other vital signs are not
        assertThat(all).isGreaterThanOrEqualTo(1000);
        assertThat(weights).isPositive();
        assertThat(asked - weights).isPositive().isLessThan(all / 10);
    }
}
