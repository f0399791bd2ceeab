package org.rplcds.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rplcds.support.HookRequests;
import org.rplcds.support.ServiceProcess;
import org.rplcds.support.SlowClients;

/**
 * The packaged jar with the container's heap, called by many clients at once, each with
 * a body inside the documented limits that the service must hold whole: past what the heap can
 * take, a call is answered 503 with {@code Retry-After}, and the JVM stays up.
 */
@DisplayName("Calls in flight together, against the container's heap")
class InFlightMemoryIT {

    @TempDir
    Path home;

    Process service;
    HttpServer fhir;

    @AfterEach
    void stop() throws InterruptedException {
        if (fhir != null) {
            fhir.stop(0);
        }
        ServiceProcess.kill(service);
    }

    /**
     * The packaged jar with the container's heap, exiting on {@code OutOfMemoryError}, outside the
     * demo and without tokens, with more {@code settings}.
     */
    Process startWithContainerHeap(int port, String... settings) throws Exception {
        List<String> arguments = new ArrayList<>(List.of("--cds.demo.enabled=false", "--cds.security.enabled=false"));
        arguments.addAll(List.of(settings));
        return ServiceProcess.startJar(
                home, port, home.resolve("service.log"), List.of("-Xmx256m", "-XX:+ExitOnOutOfMemoryError"), arguments);
    }

    /** {@code count} first-trimester miscarriages, as the entries of a searchset Bundle, no comma before the first. */
    static String lossEntries(int count) {
        StringBuilder entries = new StringBuilder();
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                entries.append(',');
            }
            entries.append("{\"fullUrl\":\"urn:uuid:c")
                    .append(i)
                    .append("\",\"resource\":{\"resourceType\":\"Condition\",\"id\":\"c")
                    .append(i)
                    .append("\",\"clinicalStatus\":{\"coding\":[{\"system\":\"http://terminology.hl7.org/CodeSystem/")
                    .append("condition-clinical\",\"code\":\"resolved\"}]},\"verificationStatus\":{\"coding\":[{")
                    .append("\"system\":\"http://terminology.hl7.org/CodeSystem/condition-ver-status\",")
                    .append("\"code\":\"confirmed\"}]},\"code\":{\"coding\":[{\"system\":\"http://snomed.info/sct\",")
                    .append("\"code\":\"19169002\",\"display\":\"Miscarriage in first trimester\"}],")
                    .append("\"text\":\"Miscarriage\"},\"subject\":{\"reference\":\"Patient/p1\"},")
                    .append("\"onsetDateTime\":\"20")
                    .append(10 + i % 14)
                    .append("-0")
                    .append(1 + i % 9)
                    .append("-1")
                    .append(i % 10)
                    .append("\",\"recordedDate\":\"2024-01-01\"}}");
        }
        return entries.toString();
    }

    static final String EMPTY = "{\"resourceType\":\"Bundle\",\"type\":\"searchset\",\"total\":0}";

    static final String WOMAN =
            "{\"resourceType\":\"Patient\",\"id\":\"p1\",\"gender\":\"female\",\"birthDate\":\"1990-01-01\"}";

    /** A patient-view call whose prefetch holds {@code losses} miscarriages the facts keep. */
    static String heavyCall(int losses) {
        String bundle = "{\"resourceType\":\"Bundle\",\"type\":\"searchset\",\"total\":" + losses + ",\"entry\":["
                + lossEntries(losses) + "]}";
        return HookRequests.patientView("p1")
                .prefetchValue("patient", WOMAN)
                .prefetchValue("conditions", bundle)
                .prefetchValue("observations", EMPTY)
                .prefetchValue("medicationRequests", EMPTY)
                .prefetchValue("serviceRequests", EMPTY)
                .prefetchValue("procedures", EMPTY)
                .prefetchValue("diagnosticReports", EMPTY)
                .json();
    }

    static HttpResponse<String> post(int port, String body) throws Exception {
        return ServiceProcess.CLIENT.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + HookRequests.SERVICE))
                        .header("Content-Type", "application/json")
                        .timeout(Duration.ofSeconds(120))
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /**
     * The statuses of 24 calls of {@code body}, 12 at a time; each 503 carries {@code Retry-After}
     * and says the service is unavailable, and any other refusal's body is printed.
     */
    static List<Integer> callsAtOnce(int port, String body) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(12);
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            answers.add(clients.submit(() -> post(port, body)));
        }
        List<Integer> statuses = new ArrayList<>();
        for (Future<HttpResponse<String>> answer : answers) {
            HttpResponse<String> response = answer.get(180, TimeUnit.SECONDS);
            statuses.add(response.statusCode());
            if (response.statusCode() == 503) {
                assertThat(response.headers().firstValue("Retry-After")).isPresent();
                assertThat(response.body()).contains("\"error\":\"unavailable\"");
            } else if (response.statusCode() != 200) {
                System.out.println(response.body());
            }
        }
        clients.shutdown();
        return statuses;
    }

    @Test
    @DisplayName("Should answer 200 or 503 with Retry-After to 24 calls of 9.5 MB, 12 at a time, and stay up")
    void refusesPastTheBudget() throws Exception {
        // given: the container's heap and exit on OutOfMemoryError
        int port = ServiceProcess.freePort();
        service = startWithContainerHeap(port);
        String heavy = heavyCall(17_000);
        assertThat(heavy.length()).isBetween(8_000_000, 10_000_000);

        // when
        List<Integer> statuses = callsAtOnce(port, heavy);
        System.out.printf("answers to 24 calls of 9.5 MB, 12 at a time: %s%n", statuses);

        // then: it is up, gave back what the calls held, and answers a heavy call alone and a small one
        assertThat(service.isAlive()).as("the service is still running").isTrue();
        assertThat(statuses).isSubsetOf(200, 503).contains(200);
        assertThat(inFlight(port)).isEqualTo(0.0);
        assertThat(post(port, heavy).statusCode()).isEqualTo(200);
        assertThat(post(port, heavyCall(3)).statusCode()).isEqualTo(200);
    }

    @ParameterizedTest(name = "framed by {0}")
    @ValueSource(strings = {"Content-Length", "Transfer-Encoding"})
    @DisplayName(
            "Should answer 503 with Retry-After to a call refused for want of memory that goes on sending its 9.5 MB,"
                    + " the answer read once the body is sent")
    void answersARefusedCallThatGoesOnSending(String framing) throws Exception {
        // given: the container's heap, and the budget of the calls in flight held by 14 slow bodies of 10 MB
        int port = ServiceProcess.freePort();
        service = startWithContainerHeap(port, "--cds.http.body-timeout=30s");
        try (SlowClients slow =
                SlowClients.open(port, HookRequests.SERVICE, 14, 10_000_000, "", Duration.ofSeconds(1))) {
            ServiceProcess.waitFor(() -> inFlight(port) > 100_000_000, Duration.ofSeconds(20));
            byte[] body = heavyCall(17_000).getBytes(StandardCharsets.UTF_8);
            byte[] head = ("POST " + HookRequests.SERVICE + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                            + "Content-Type: application/json\r\n"
                            + (framing.equals("Content-Length")
                                    ? "Content-Length: " + body.length + "\r\n\r\n"
                                    : "Transfer-Encoding: chunked\r\n\r\n"))
                    .getBytes(StandardCharsets.US_ASCII);

            // when: the whole body sent, and only then the answer read
            String answer;
            try (Socket socket = new Socket("127.0.0.1", port)) {
                socket.setSoTimeout(30_000);
                OutputStream out = socket.getOutputStream();
                out.write(head);
                if (framing.equals("Content-Length")) {
                    out.write(body);
                } else {
                    for (int at = 0; at < body.length; at += 65_536) {
                        int length = Math.min(65_536, body.length - at);
                        out.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                        out.write(body, at, length);
                        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    }
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                out.flush();
                answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            }

            // then: the refusal, whole, and the connection closed after it
            assertThat(answer)
                    .startsWith("HTTP/1.1 503")
                    .contains("Retry-After: 2")
                    .contains("\"error\":\"unavailable\"");
        }
        // and once the slow bodies are gone, the heap they held is given back and a heavy call answered
        ServiceProcess.waitFor(() -> inFlight(port) == 0.0, Duration.ofSeconds(40));
        assertThat(post(port, heavyCall(17_000)).statusCode()).isEqualTo(200);
    }

    /** What the memory budget counts as held now, from the service's metrics. */
    static double inFlight(int port) throws Exception {
        String metrics = ServiceProcess.CLIENT
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        return metrics.lines()
                .filter(line -> line.startsWith("cds_memory_in_flight_bytes "))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.indexOf(' ') + 1)))
                .findFirst()
                .orElseThrow();
    }

    @Test
    @DisplayName(
            "Should answer 200, 412 or 503 to 24 calls whose FHIR server sends thousands of kept resources, 12 at a time,"
                    + " and stay up")
    void refusesFallbackReadsPastTheBudget() throws Exception {
        // given: a FHIR server that answers each Condition search with 4,900 resources the facts keep, each Observation
        // search with 1,500 (a key read as several searches shares the limit of one)
        byte[] conditions = ("{\"resourceType\":\"Bundle\",\"type\":\"searchset\",\"total\":4900,\"entry\":["
                        + lossEntries(4_900) + "]}")
                .getBytes(StandardCharsets.UTF_8);
        byte[] observations = ("{\"resourceType\":\"Bundle\",\"type\":\"searchset\",\"total\":1500,\"entry\":["
                        + lossEntries(1_500)
                                .replace("\"Condition\"", "\"Observation\"")
                                .replace("\"clinicalStatus\"", "\"status\":\"final\",\"x\"")
                                .replace(
                                        "http://snomed.info/sct\",\"code\":\"19169002",
                                        "http://loinc.org\",\"code\":\"3016-3")
                        + "]}")
                .getBytes(StandardCharsets.UTF_8);
        fhir = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        fhir.setExecutor(Executors.newFixedThreadPool(32));
        fhir.createContext("/", exchange -> {
            try (exchange) {
                String path = exchange.getRequestURI().getPath();
                byte[] body = path.endsWith("/Patient/p1")
                        ? WOMAN.getBytes(StandardCharsets.UTF_8)
                        : path.contains("/Condition")
                                ? conditions
                                : path.contains("/Observation") ? observations : EMPTY.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/fhir+json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            } catch (IOException e) {
                // The service hung up.
            }
        });
        fhir.start();
        int port = ServiceProcess.freePort();
        service = startWithContainerHeap(port, "--cds.fallback.total-timeout=20s");
        String call = HookRequests.patientView("p1")
                .fhirServer("http://127.0.0.1:" + fhir.getAddress().getPort() + "/fhir", "t")
                .json();

        // when
        List<Integer> statuses = callsAtOnce(port, call);
        System.out.printf("answers to 24 calls read from a FHIR server, 12 at a time: %s%n", statuses);

        // then
        assertThat(service.isAlive()).as("the service is still running").isTrue();
        assertThat(statuses).isSubsetOf(200, 412, 503).contains(200);
        assertThat(inFlight(port)).isEqualTo(0.0);
        assertThat(post(port, heavyCall(3)).statusCode()).isEqualTo(200);
    }
}
