package org.rplcds.hooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rplcds.support.HookRequests.SERVICE;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.rplcds.support.CdsServiceTest;
import org.rplcds.support.HookRequests;
import org.rplcds.support.Http;
import org.rplcds.support.SyntheaCharts;
import org.rplcds.support.ehr.EhrLikeServer;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Every Synthea chart read from servers that search as Epic, Oracle Health and a strict US Core
 * server document it ({@link EhrLikeServer}), with no prefetch and with the first page of each
 * prefetch template as the EHR itself would resolve it, at 0 and 300 ms a request, within the
 * default deadline: each call gives the cards of the same chart sent whole, and the server refuses
 * none of the service's requests.
 */
@CdsServiceTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("Charts read from servers that search as EHR vendors document")
class EhrDialectsTest {

    static final String TOKEN = "ehr-token-5c1e";
    static final HttpClient CLIENT = HttpClient.newHttpClient();

    /** The fixtures, and the largest grown to the size of a real chart by its vital signs. */
    static final Map<String, List<Resource>> CHARTS = charts();

    @LocalServerPort
    int port;

    final Map<EhrLikeServer.Dialect, EhrLikeServer> servers = new EnumMap<>(EhrLikeServer.Dialect.class);
    final Map<String, JsonNode> expected = new LinkedHashMap<>();

    static Map<String, List<Resource>> charts() {
        Map<String, List<Resource>> charts = new LinkedHashMap<>();
        for (String name : SyntheaCharts.NAMES) {
            charts.put(name, SyntheaCharts.resources(name));
        }
        charts.put(
                "recurrent-three-losses with 1,600 vital signs",
                SyntheaCharts.withVitalSigns(SyntheaCharts.resources("recurrent-three-losses"), 1600));
        return charts;
    }

    @BeforeAll
    void start() throws Exception {
        List<Resource> all = new ArrayList<>();
        // The grown chart shares its patient with a fixture: the server holds the grown one.
        CHARTS.forEach((name, chart) -> {
            if (!name.equals("recurrent-three-losses")) {
                all.addAll(chart);
            }
        });
        for (EhrLikeServer.Dialect dialect : EhrLikeServer.Dialect.values()) {
            servers.put(dialect, EhrLikeServer.start(dialect, all));
        }
    }

    @AfterAll
    void stop() throws Exception {
        for (EhrLikeServer server : servers.values()) {
            server.close();
        }
    }

    static Stream<Arguments> calls() {
        List<Arguments> calls = new ArrayList<>();
        for (EhrLikeServer.Dialect dialect : EhrLikeServer.Dialect.values()) {
            for (int latency : new int[] {0, 300}) {
                for (boolean firstPage : new boolean[] {false, true}) {
                    for (String chart : CHARTS.keySet()) {
                        if (!chart.equals("recurrent-three-losses")) {
                            calls.add(Arguments.of(dialect, latency, firstPage, chart));
                        }
                    }
                }
            }
        }
        return calls.stream();
    }

    @ParameterizedTest(name = "{0} at {1} ms, first-page prefetch {2}: {3}")
    @MethodSource("calls")
    @DisplayName("Should give the full-prefetch cards, refused nothing")
    void givesTheFullPrefetchCards(EhrLikeServer.Dialect dialect, int latency, boolean firstPage, String name)
            throws Exception {
        // given
        List<Resource> chart = CHARTS.get(name);
        String patientId = SyntheaCharts.patientId(chart);
        JsonNode cards = expected.computeIfAbsent(name, n -> fullPrefetchCards(chart));
        EhrLikeServer server = servers.get(dialect).latency(Duration.ZERO);
        ObjectNode request = HookRequests.patientView(patientId)
                .fhirServer(server.baseUrl(), TOKEN)
                .node();
        if (firstPage) {
            request.set("prefetch", firstPages(server, patientId));
        }
        server.latency(Duration.ofMillis(latency)).clearRequests();

        // when
        Http.Answer answer = new Http(port).post(SERVICE, request.toString());

        // then
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json().get("cards")).isEqualTo(cards);
        assertThat(server.requests())
                .as("requests the server refused")
                .filteredOn(r -> r.status() >= 400)
                .isEmpty();
    }

    @Test
    @DisplayName("Should post a search whose URL the server finds too long (414), and give the full-prefetch cards")
    void postsWhatIsTooLong() throws Exception {
        // given
        List<Resource> chart = CHARTS.get("two-losses-now-pregnant");
        String patientId = SyntheaCharts.patientId(chart);
        JsonNode cards = expected.computeIfAbsent("two-losses-now-pregnant", n -> fullPrefetchCards(chart));
        EhrLikeServer server = servers.get(EhrLikeServer.Dialect.US_CORE_STRICT)
                .latency(Duration.ZERO)
                .maxUrlLength(600);
        server.clearRequests();
        String request = HookRequests.patientView(patientId)
                .fhirServer(server.baseUrl(), TOKEN)
                .json();

        try {
            // when
            Http.Answer answer = new Http(port).post(SERVICE, request);

            // then
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            assertThat(answer.json().get("cards")).isEqualTo(cards);
            assertThat(server.requests()).anySatisfy(r -> assertThat(r.status()).isEqualTo(414));
            assertThat(server.requests())
                    .filteredOn(r -> r.method().equals("POST"))
                    .isNotEmpty()
                    .allSatisfy(r -> {
                        assertThat(r.target()).endsWith("/_search");
                        assertThat(r.body()).contains("patient=" + patientId).contains("code=");
                        assertThat(r.status()).isEqualTo(200);
                    });
        } finally {
            server.maxUrlLength(EhrLikeServer.DEFAULT_MAX_URL_LENGTH);
        }
    }

    JsonNode fullPrefetchCards(List<Resource> chart) {
        String request = HookRequests.patientView(SyntheaCharts.patientId(chart))
                .prefetch(chart.toArray(IBaseResource[]::new))
                .json();
        Http.Answer answer = new Http(port).post(SERVICE, request);
        assertThat(answer.status()).isEqualTo(200);
        return answer.json().get("cards");
    }

    /** What an EHR that resolves the service's prefetch templates itself sends: the first page of each. */
    ObjectNode firstPages(EhrLikeServer server, String patientId) throws Exception {
        ObjectNode prefetch = HookRequests.JSON.createObjectNode();
        new Http(port)
                .get("/cds-services")
                .json()
                .at("/services/0/prefetch")
                .fields()
                .forEachRemaining(template -> {
                    String query = template.getValue().asText().replace("{{context.patientId}}", patientId);
                    try {
                        HttpResponse<String> page = CLIENT.send(
                                HttpRequest.newBuilder(URI.create(server.baseUrl() + query))
                                        .header("Accept", "application/fhir+json")
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
                        assertThat(page.statusCode())
                                .as(query + " " + page.body())
                                .isEqualTo(200);
                        prefetch.set(template.getKey(), HookRequests.JSON.readTree(page.body()));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
        return prefetch;
    }
}
