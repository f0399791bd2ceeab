package org.rplcds.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
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
import org.rplcds.support.HookRequests;
import org.rplcds.support.ServiceProcess;

/**
 * The service as its own JVM, heap capped and set to exit on OutOfMemoryError as the container
 * runs it, called again and again with a FHIR server that answers a million-entry Bundle to one
 * search and a body without end to the others: it stays up, answers 412 each time, and what the
 * operating system says it holds resident stays bounded.
 */
@DisplayName("The service against a FHIR server that answers without end, as its own JVM")
class HostileFhirServerIT {

    static final HttpClient CLIENT = ServiceProcess.CLIENT;

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

    static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
    }

    void serveWithoutEnd() throws IOException {
        fhir = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        fhir.setExecutor(Executors.newFixedThreadPool(32));
        fhir.createContext("/", exchange -> {
            try (exchange) {
                exchange.getResponseHeaders().add("Content-Type", "application/fhir+json");
                exchange.sendResponseHeaders(200, 0);
                OutputStream out = exchange.getResponseBody();
                if (exchange.getRequestURI().getPath().contains("/Condition")) {
                    HostileFhirServerTest.millionConditions(text -> write(out, text));
                } else {
                    write(out, "{\"resourceType\":\"Bundle\",\"type\":\"searchset\",\"id\":\"");
                    String chunk = "x".repeat(64 * 1024);
                    while (true) {
                        write(out, chunk);
                    }
                }
            } catch (IOException e) {
                // The service hung up at its limits.
            }
        });
        fhir.start();
    }

    int call(int port) throws Exception {
        String body = HookRequests.patientView("p1")
                .fhirServer("http://127.0.0.1:" + fhir.getAddress().getPort() + "/fhir", "t")
                .json();
        return CLIENT.send(
                        HttpRequest.newBuilder(
                                        URI.create("http://127.0.0.1:" + port + "/cds-services/recurrent-miscarriage"))
                                .header("Content-Type", "application/json")
                                .timeout(Duration.ofSeconds(60))
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    @Test
    @DisplayName("Should answer 412 to 24 such calls, 4 at a time, stay up, and hold under 768 MB resident")
    void staysUpAndBounded() throws Exception {
        // given: a 256 MB heap, and exit on OutOfMemoryError as in the container
        serveWithoutEnd();
        int port = ServiceProcess.freePort();
        service = ServiceProcess.start(
                home,
                port,
                List.of("-Xmx256m", "-XX:+ExitOnOutOfMemoryError"),
                List.of("--cds.demo.enabled=false", "--cds.security.enabled=false"));

        // when
        ExecutorService clients = Executors.newFixedThreadPool(4);
        List<Future<Integer>> answers = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            answers.add(clients.submit(() -> call(port)));
        }
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> answer : answers) {
            statuses.add(answer.get(120, TimeUnit.SECONDS));
        }
        clients.shutdown();

        // then
        assertThat(statuses).hasSize(24).containsOnly(412);
        assertThat(service.isAlive()).isTrue();
        assertThat(ServiceProcess.up(port)).isTrue();
        long peakKb = ServiceProcess.peakResidentKilobytes(service);
        System.out.printf("peak resident memory of the service: %d MB%n", peakKb / 1024);
        assertThat(peakKb).isLessThan(768L * 1024);
    }
}
