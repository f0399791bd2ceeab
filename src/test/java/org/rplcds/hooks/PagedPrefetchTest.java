package org.rplcds.hooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rplcds.support.HookRequests.SERVICE;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.rplcds.support.CdsServiceTest;
import org.rplcds.support.FhirTestServer;
import org.rplcds.support.HookRequests;
import org.rplcds.support.Http;
import org.rplcds.support.SyntheaCharts;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * A Synthea chart of about 2,000 resources served the way real servers and clients serve it: in
 * pages of 10 whatever {@code _count} asks, a token demanded on every page, and prefetch of the
 * first page only with its next link (as the CDS Hooks Sandbox sends it). Each way gives the cards
 * of the same chart in full prefetch, or a 412 that says why.
 */
@CdsServiceTest
// How long paging takes is measured by bench/, not asserted here: these tests ask only whether
// every page is read, so the budget is wide enough for a loaded machine.
@TestPropertySource(properties = "cds.fallback.total-timeout=30s")
@DisplayName("A chart in pages")
class PagedPrefetchTest {

    static final String TOKEN = "paged-token-77c1";
    static final HttpClient CLIENT = HttpClient.newHttpClient();

    static List<Resource> chart;
    static String patientId;

    @LocalServerPort
    int port;

    FhirTestServer server;

    @BeforeAll
    static void grow() {
        chart = SyntheaCharts.withVitalSigns(SyntheaCharts.resources("recurrent-three-losses"), 1600);
        patientId = SyntheaCharts.patientId(chart);
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    JsonNode fullPrefetchCards() {
        String request = HookRequests.patientView(patientId)
                .prefetch(chart.toArray(IBaseResource[]::new))
                .json();
        Http.Answer answer = new Http(port).post(SERVICE, request);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().get("cards")).isNotEmpty();
        return answer.json().get("cards");
    }

    FhirTestServer serve(FhirTestServer server) {
        this.server = server;
        server.add(chart.toArray(Resource[]::new)).requireToken(TOKEN);
        return server;
    }

    /** The service's prefetch queries for this patient, as a client fills them. */
    Map<String, String> queries() {
        Map<String, String> queries = new LinkedHashMap<>();
        new Http(port)
                .get("/cds-services")
                .json()
                .at("/services/0/prefetch")
                .fields()
                .forEachRemaining(e ->
                        queries.put(e.getKey(), e.getValue().asText().replace("{{context.patientId}}", patientId)));
        return queries;
    }

    /** A call with no prefetch, the service reading the whole chart from the server given with the token. */
    Http.Answer askWithoutPrefetch(FhirTestServer paging) {
        serve(paging);
        String request = HookRequests.patientView(patientId)
                .fhirServer(server.baseUrl(), TOKEN)
                .json();
        return new Http(port).post(SERVICE, request);
    }

    /** The call was answered with the cards expected. */
    static void assertCards(Http.Answer answer, JsonNode expected) {
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().get("cards")).isEqualTo(expected);
    }

    /** What the Sandbox sends: each query's first page, next link and all. */
    ObjectNode firstPages(FhirTestServer server) throws Exception {
        ObjectNode prefetch = HookRequests.JSON.createObjectNode();
        for (var query : queries().entrySet()) {
            HttpResponse<String> page = CLIENT.send(
                    HttpRequest.newBuilder(URI.create(server.baseUrl() + "/" + query.getValue()))
                            .header("Authorization", "Bearer " + TOKEN)
                            .header("Accept", "application/fhir+json")
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
            prefetch.set(query.getKey(), HookRequests.JSON.readTree(page.body()));
        }
        return prefetch;
    }

    @Test
    @DisplayName("Should give the full-prefetch cards reading a server that pages at 10 and knows no code filter")
    void readsEveryPageFromAServerWithoutCodeSearch() throws Exception {
        // given
        JsonNode expected = fullPrefetchCards();

        // when
        Http.Answer answer = askWithoutPrefetch(FhirTestServer.startWithoutCodeSearch(10));

        // then
        assertCards(answer, expected);
        assertThat(server.refused()).isZero();
        assertThat(server.requests().stream().filter(r -> r.contains("_getpages")))
                .hasSizeGreaterThan(150);
    }

    @Test
    @DisplayName("Should give the full-prefetch cards reading a server that pages at 10 and filters by code")
    void readsEveryPageFromAFilteringServer() throws Exception {
        // given
        JsonNode expected = fullPrefetchCards();

        // when
        Http.Answer answer = askWithoutPrefetch(FhirTestServer.startWithPageSize(10));

        // then: the vital signs were never asked for
        assertCards(answer, expected);
        assertThat(server.requests())
                .filteredOn(r -> r.startsWith("/fhir/Observation"))
                .allSatisfy(r -> assertThat(r).contains("code="));
    }

    @Nested
    @DisplayName("when the client prefetched the first page of each search")
    class FirstPagesOnly {

        @Test
        @DisplayName("Should read on from fhirServer with the token and give the full-prefetch cards")
        void readsOnFromFhirServer() throws Exception {
            // given
            JsonNode expected = fullPrefetchCards();
            serve(FhirTestServer.startWithPageSize(10));
            ObjectNode request = HookRequests.patientView(patientId)
                    .fhirServer(server.baseUrl(), TOKEN)
                    .node();
            request.set("prefetch", firstPages(server));
            int before = server.requests().size();

            // when
            Http.Answer answer = new Http(port).post(SERVICE, request.toString());

            // then
            assertCards(answer, expected);
            // The rest of each first page is paged on, but observations, whose codes hold body weight, are
            // read again whole in two searches at once (body weight apart).
            List<String> after =
                    server.requests().subList(before, server.requests().size());
            assertThat(after).isNotEmpty().allSatisfy(r -> assertThat(
                            r.contains("_getpages") || r.contains("/Observation?"))
                    .as(r)
                    .isTrue());
            assertThat(after).filteredOn(r -> r.contains("/Observation?")).hasSize(2);
        }

        @Test
        @DisplayName("Should answer 412 naming each search with more pages when no fhirServer is given")
        void answers412WithoutFhirServer() throws Exception {
            // given
            serve(FhirTestServer.startWithPageSize(10));
            ObjectNode request = HookRequests.patientView(patientId).node();
            request.set("prefetch", firstPages(server));

            // when
            Http.Answer answer = new Http(port).post(SERVICE, request.toString());

            // then: each search whose first page links to a next one, and no other key
            List<String> paged = new java.util.ArrayList<>();
            request.get("prefetch").fields().forEachRemaining(e -> {
                if (e.getValue().path("link").toString().contains("\"next\"")) {
                    paged.add(e.getKey());
                }
            });
            assertThat(paged).contains("conditions", "observations");
            assertThat(answer.status()).isEqualTo(412);
            List<String> missing = new java.util.ArrayList<>();
            answer.json().get("missing").fieldNames().forEachRemaining(missing::add);
            assertThat(missing).containsExactlyInAnyOrderElementsOf(paged);
            assertThat(answer.json().at("/missing/conditions").asText())
                    .isEqualTo("prefetch holds the first page of results (a next link) and no fhirServer given");
        }

        @Test
        @DisplayName("Should answer 412 when fhirServer refuses the token on a later page")
        void answers412WhenALaterPageIsRefused() throws Exception {
            // given
            serve(FhirTestServer.startWithPageSize(10));
            ObjectNode request = HookRequests.patientView(patientId)
                    .fhirServer(server.baseUrl(), "expired-token")
                    .node();
            request.set("prefetch", firstPages(server));

            // when
            Http.Answer answer = new Http(port).post(SERVICE, request.toString());

            // then
            assertThat(answer.status()).isEqualTo(412);
            assertThat(answer.json().at("/missing/conditions").asText())
                    .isEqualTo("FHIR server refused access (HTTP 401)");
            assertThat(answer.body()).doesNotContain("expired-token");
        }
    }

    @Nested
    @DisplayName("when a prefetched Bundle holds fewer results than its total and no next link")
    class ShortBundle {

        ObjectNode shortConditions(ObjectNode prefetch) {
            ObjectNode conditions = (ObjectNode) prefetch.get("conditions");
            conditions.remove("link");
            conditions.put("total", conditions.get("entry").size() + 40);
            return prefetch;
        }

        @Test
        @DisplayName("Should read the search again from fhirServer and give the full-prefetch cards")
        void readsItAgain() throws Exception {
            // given
            JsonNode expected = fullPrefetchCards();
            ObjectNode prefetch = (ObjectNode) HookRequests.patientView(patientId)
                    .prefetch(chart.toArray(IBaseResource[]::new))
                    .node()
                    .get("prefetch");
            serve(FhirTestServer.start());
            ObjectNode request = HookRequests.patientView(patientId)
                    .fhirServer(server.baseUrl(), TOKEN)
                    .node();
            request.set("prefetch", shortConditions(prefetch));

            // when
            Http.Answer answer = new Http(port).post(SERVICE, request.toString());

            // then
            assertCards(answer, expected);
            assertThat(server.requests()).isNotEmpty().allSatisfy(r -> assertThat(r)
                    .matches("/fhir/Condition\\?.*|/fhir\\?_getpages=.*"));
        }

        @Test
        @DisplayName("Should answer 412 saying how many results are missing when no fhirServer is given")
        void answers412() {
            // given
            ObjectNode request = HookRequests.patientView(patientId)
                    .prefetch(chart.toArray(IBaseResource[]::new))
                    .node();
            shortConditions((ObjectNode) request.get("prefetch"));
            int sent = request.at("/prefetch/conditions/entry").size();

            // when
            Http.Answer answer = new Http(port).post(SERVICE, request.toString());

            // then
            assertThat(answer.status()).isEqualTo(412);
            assertThat(answer.json().at("/missing/conditions").asText())
                    .isEqualTo("prefetch holds " + sent + " of " + (sent + 40)
                            + " results, no next link, and no fhirServer given");
        }
    }
}
