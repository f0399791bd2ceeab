package org.rplcds.hooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rplcds.support.HookRequests.SERVICE;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.rplcds.support.CdsServiceTest;
import org.rplcds.support.Http;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

@CdsServiceTest
@TestPropertySource(properties = {"cds.http.max-body-bytes=200000", "cds.http.max-prefetch-resources=50"})
@DisplayName("Request limits")
class LimitsTest {

    @LocalServerPort
    int port;

    static String request(String conditions) {
        return "{\"hook\":\"patient-view\",\"context\":{\"patientId\":\"p1\"},\"prefetch\":{\"patient\":null,"
                + "\"conditions\":" + conditions + ",\"observations\":null,\"medicationRequests\":null,"
                + "\"serviceRequests\":null,\"procedures\":null,\"diagnosticReports\":null}}";
    }

    static String request(String conditions, String observations) {
        return request(conditions).replace("\"observations\":null", "\"observations\":" + observations);
    }

    /** Heart-rate readings: no fact reads them, so they are left out as the request is read. */
    static String heartRates(int entries, String extra) {
        StringBuilder json = new StringBuilder("{\"resourceType\":\"Bundle\",\"type\":\"searchset\",\"entry\":[");
        for (int i = 0; i < entries; i++) {
            json.append(i == 0 ? "" : ",")
                    .append("{\"resource\":{\"resourceType\":\"Observation\",\"id\":\"o")
                    .append(i)
                    .append("\",\"status\":\"final\",\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",")
                    .append("\"code\":\"8867-4\"}]},\"subject\":{\"reference\":\"Patient/p1\"}")
                    .append(extra)
                    .append("}}");
        }
        return json.append("]}").toString();
    }

    static String bundle(int entries) {
        StringBuilder json = new StringBuilder("{\"resourceType\":\"Bundle\",\"type\":\"searchset\",\"entry\":[");
        for (int i = 0; i < entries; i++) {
            json.append(i == 0 ? "" : ",")
                    .append("{\"resource\":{\"resourceType\":\"Condition\",\"id\":\"c")
                    .append(i)
                    .append("\",\"subject\":{\"reference\":\"Patient/p1\"}}}");
        }
        return json.append("]}").toString();
    }

    @Test
    @DisplayName("Should answer 413 with a JSON body for a body over the limit")
    void refusesLargeBodies() {
        String large = request(bundle(40))
                .replace("\"patientId\":\"p1\"", "\"patientId\":\"p1\",\"note\":\"" + "x".repeat(250_000) + "\"");
        assertThat(large.length()).isGreaterThan(250_000);

        Http.Answer answer = new Http(port).post(SERVICE, large);

        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.json().get("error").asText()).isEqualTo("payload-too-large");
    }

    @Test
    @DisplayName("Should answer 413 for a chunked body over the limit, read as it streams")
    void refusesLargeChunkedBodies() {
        byte[] body = request(
                        "{\"resourceType\":\"Bundle\",\"type\":\"searchset\",\"id\":\"" + "y".repeat(300_000) + "\"}")
                .getBytes();
        Http.Answer answer = new Http(port)
                .send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + SERVICE))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body))));

        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.json().get("error").asText()).isEqualTo("payload-too-large");
    }

    @Test
    @DisplayName("Should answer 413 for more prefetch resources than the limit, and evaluate up to it")
    void refusesTooManyResources() {
        assertThat(new Http(port).post(SERVICE, request(bundle(51))).status()).isEqualTo(413);
        assertThat(new Http(port).post(SERVICE, request(bundle(44))).status()).isEqualTo(200);
    }

    @Test
    @DisplayName("Should count the resources it leaves unread against the limit too")
    void countsResourcesLeftOut() {
        assertThat(new Http(port)
                        .post(SERVICE, request(bundle(30), heartRates(21, "")))
                        .status())
                .isEqualTo(413);
        assertThat(new Http(port)
                        .post(SERVICE, request(bundle(30), heartRates(14, "")))
                        .status())
                .isEqualTo(200);
    }

    @Test
    @DisplayName("Should answer 400 for JSON nested too deeply inside a resource it leaves unread")
    void refusesDeepNestingInResourcesLeftOut() {
        String deep = Stream.generate(() -> "[").limit(70).reduce("", String::concat)
                + Stream.generate(() -> "]").limit(70).reduce("", String::concat);

        Http.Answer answer = new Http(port).post(SERVICE, request("null", heartRates(2, ",\"note\":" + deep)));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("message").asText()).contains("nested too deeply");
    }

    @Test
    @DisplayName("Should answer 400 for JSON nested deeper than the limit")
    void refusesDeepNesting() {
        String deep = Stream.generate(() -> "[").limit(70).reduce("", String::concat)
                + Stream.generate(() -> "]").limit(70).reduce("", String::concat);

        Http.Answer answer =
                new Http(port).post(SERVICE, request("null").replace("\"p1\"}", "\"p1\",\"x\":" + deep + "}"));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("message").asText()).contains("nested too deeply");
    }
}
