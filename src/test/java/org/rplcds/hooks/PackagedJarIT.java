package org.rplcds.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.rplcds.support.ServiceProcess;

/**
 * The jar as shipped, started with {@code java -jar}: its class path leaves out libraries HAPI
 * brings but the service never loads (pom.xml says which), and the tests in process run with the
 * test class path, which has them. Here every HAPI path the service takes runs in the jar itself:
 * parsing prefetch, encoding suggested resources, the demo FHIR server, reading a chart from a
 * FHIR server, and the metrics endpoint.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("The packaged jar")
class PackagedJarIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    Path home;
    Path log;
    Process service;
    int port;

    @BeforeAll
    void start() throws Exception {
        home = Files.createTempDirectory("packaged-jar");
        log = home.resolve("service.log");
        port = ServiceProcess.freePort();
        // The jar reads a chart from its own demo FHIR server, cold, on a machine that may be busy: the
        // test is of the reading, not of the 2 s deadline, which other tests hold to.
        service = ServiceProcess.startJar(home, port, log, List.of("--cds.fallback.total-timeout=10s"));
    }

    @AfterAll
    void stop() throws InterruptedException {
        if (service != null && service.isAlive()) {
            service.destroy();
            service.waitFor(30, TimeUnit.SECONDS);
        }
    }

    HttpResponse<String> get(String path) throws Exception {
        return CLIENT.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .timeout(Duration.ofSeconds(30))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String body) throws Exception {
        return CLIENT.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    @DisplayName("Should answer a prefetched call with cards whose suggested resources HAPI encoded")
    void parsesPrefetchAndEncodesSuggestions() throws Exception {
        // given
        String request = Files.readString(Path.of("hooks/examples/rpl-01-in-eshre-two-losses.request.json"));

        // when
        HttpResponse<String> answer = post("/cds-services/recurrent-miscarriage", request);

        // then
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode cards = JSON.readTree(answer.body()).get("cards");
        assertThat(cards).isNotEmpty();
        assertThat(cards.findValues("resource")).isNotEmpty().allSatisfy(resource -> assertThat(
                        resource.path("resourceType").asText())
                .isNotEmpty());
    }

    @Test
    @DisplayName("Should serve the demo FHIR server: capability statement, reads and searches")
    void servesTheDemoFhirServer() throws Exception {
        // when
        HttpResponse<String> metadata = get("/fhir/metadata");
        HttpResponse<String> patient = get("/fhir/Patient/demo-two-losses");
        HttpResponse<String> conditions = get("/fhir/Condition?patient=demo-two-losses");

        // then
        assertThat(metadata.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(metadata.body()).path("resourceType").asText()).isEqualTo("CapabilityStatement");
        assertThat(patient.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(patient.body()).path("id").asText()).isEqualTo("demo-two-losses");
        assertThat(conditions.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(conditions.body()).path("entry")).isNotEmpty();
    }

    @Test
    @DisplayName("Should read a chart from fhirServer when nothing is prefetched, and find the same losses")
    void readsTheChartFromAFhirServer() throws Exception {
        // given
        ObjectNode request = JSON.createObjectNode()
                .put("hookInstance", "5b1d6a3c-2d8e-4a63-9b1e-0e5f7c3a9d21")
                .put("hook", "patient-view")
                .put("fhirServer", "http://127.0.0.1:" + port + "/fhir");
        request.putObject("context").put("userId", "Practitioner/example").put("patientId", "demo-two-losses");

        // when
        HttpResponse<String> answer = post("/cds-services/recurrent-miscarriage", request.toString());

        // then
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.body()).contains("RPL-01");
    }

    @Test
    @DisplayName("Should answer health and Prometheus scrapes")
    void answersOperations() throws Exception {
        // when
        HttpResponse<String> health = get("/actuator/health");
        HttpResponse<String> metrics = get("/actuator/prometheus");

        // then
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes");
    }

    @Test
    @DisplayName("Should log no class that the jar lacks")
    void logsNoMissingClass() throws Exception {
        // given
        parsesPrefetchAndEncodesSuggestions();
        servesTheDemoFhirServer();
        readsTheChartFromAFhirServer();

        // when
        String console = Files.readString(log);

        // then
        assertThat(console).doesNotContain("NoClassDefFoundError").doesNotContain("ClassNotFoundException");
    }
}
