package org.rplcds.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rplcds.support.Fhir.SNOMED;
import static org.rplcds.support.Fhir.condition;
import static org.rplcds.support.Fhir.woman;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rplcds.support.FhirTestServer;
import org.rplcds.support.HookRequests;
import org.rplcds.support.ServiceProcess;
import org.springframework.boot.convert.DurationStyle;
import org.yaml.snakeyaml.Yaml;

/**
 * The packaged jar stopped as an orchestrator stops it, with SIGTERM ({@link Process#destroy()}),
 * while hook calls wait on a slow FHIR server: readiness turns to refusing traffic first, the server
 * takes no new connection, the calls in flight are answered whole, and the JVM exits within the
 * drain bound of application.yml ({@code spring.lifecycle.timeout-per-shutdown-phase}, 20 s).
 *
 * <p>Spring Boot publishes {@code ReadinessState.REFUSING_TRAFFIC} when the context starts to close,
 * then Tomcat's graceful shutdown stops accepting at once: a readiness probe sent during the drain
 * finds no listener rather than a 503, which is why a load balancer learns of the stop from its own
 * probe failing or, on Kubernetes, from the endpoint removal that the preStop pause waits for. With
 * {@code cds.http.shutdown-delay} the listener stays open that long first, its readiness answering
 * 503, so that a balancer's own checks take the replica out before it closes.
 * (https://docs.spring.io/spring-boot/reference/web/graceful-shutdown.html,
 * https://docs.spring.io/spring-boot/reference/actuator/endpoints.html#actuator.endpoints.kubernetes-probes.lifecycle)
 */
@DisplayName("Stopping the packaged jar with SIGTERM")
class GracefulShutdownIT {

    /** spring.lifecycle.timeout-per-shutdown-phase in application.yml (20 s). */
    static Duration drain() throws IOException {
        Map<String, Map<String, Object>> settings =
                new Yaml().load(Files.readString(Path.of("src/main/resources/application.yml")));
        Map<?, ?> lifecycle = (Map<?, ?>) settings.get("spring").get("lifecycle");
        return DurationStyle.detectAndParse(String.valueOf(lifecycle.get("timeout-per-shutdown-phase")));
    }

    /**
     * Each FHIR answer takes this long: a call gives up on the capabilities after 1.5 s, then waits
     * this long for its searches.
     */
    static final Duration FHIR_DELAY = Duration.ofSeconds(5);

    @TempDir
    Path home;

    Process service;
    FhirTestServer fhir;

    @AfterEach
    void stop() throws Exception {
        ServiceProcess.kill(service);
        if (fhir != null) {
            fhir.close();
        }
    }

    @Test
    @DisplayName(
            "Should turn readiness down, refuse new connections, answer the calls in flight with 200 and exit within the drain bound")
    void drainsCallsInFlight() throws Exception {
        // given: a chart on a FHIR server that answers slowly, and the jar reading it
        Duration drain = drain();
        assertThat(drain).isEqualTo(Duration.ofSeconds(20));
        int port = start(FHIR_DELAY, "--cds.fallback.total-timeout=15s");
        Path log = home.resolve("service.log");
        String request =
                HookRequests.patientView("p1").fhirServer(fhir.baseUrl(), "t").json();
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            calls.add(ServiceProcess.CLIENT.sendAsync(
                    hookCall(port, request, Duration.ofSeconds(40)), HttpResponse.BodyHandlers.ofString()));
        }
        // the calls are in flight, waiting on their searches, once searches reach the FHIR server
        // beside the one read of its capabilities
        ServiceProcess.waitFor(() -> fhir.arrivals() > 3, Duration.ofSeconds(10));

        // when
        long stopped = System.nanoTime();
        service.destroy();

        // then: no new connection is taken while the calls drain
        ServiceProcess.waitFor(() -> refusesConnections(port), Duration.ofSeconds(5));
        assertThat(calls)
                .as("calls still in flight when connections are refused")
                .noneMatch(CompletableFuture::isDone);
        // the calls in flight are answered whole
        for (CompletableFuture<HttpResponse<String>> call : calls) {
            HttpResponse<String> answer = call.get(30, TimeUnit.SECONDS);
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            assertThat(answer.body()).contains("\"cards\"");
        }
        // the JVM ends as a SIGTERM ends it (128 + 15), within the drain bound
        assertThat(service.waitFor(drain.toSeconds() + 10, TimeUnit.SECONDS))
                .as("exited")
                .isTrue();
        Duration took = Duration.ofNanos(System.nanoTime() - stopped);
        assertThat(took).isLessThan(drain);
        assertThat(service.exitValue()).isEqualTo(143);
        // readiness turned to refusing traffic before the drain began; liveness never changed
        String console = Files.readString(log);
        int refusing = console.indexOf("ReadinessState changed from ACCEPTING_TRAFFIC to REFUSING_TRAFFIC");
        int draining = console.indexOf("Commencing graceful shutdown");
        assertThat(refusing).as("readiness change logged").isNotNegative();
        assertThat(draining).as("graceful shutdown logged").isGreaterThan(refusing);
        assertThat(console).contains("Graceful shutdown complete").doesNotContain("LivenessState changed from CORRECT");
    }

    @Test
    @DisplayName(
            "Should go on answering new connections for the shutdown delay with readiness refusing, then refuse them and exit")
    void takesCallsThroughTheShutdownDelay() throws Exception {
        // given: the jar with a shutdown delay, and a chart on a FHIR server that answers at once
        Duration delay = Duration.ofSeconds(4);
        int port = start(Duration.ZERO, "--cds.http.shutdown-delay=" + delay.toSeconds() + "s");
        Path log = home.resolve("service.log");
        String request =
                HookRequests.patientView("p1").fhirServer(fhir.baseUrl(), "t").json();
        // one call first, as a running service has had: the call during the delay is not its first
        assertThat(fresh().send(hookCall(port, request, Duration.ofSeconds(30)), HttpResponse.BodyHandlers.ofString())
                        .statusCode())
                .isEqualTo(200);

        // when
        long stopped = System.nanoTime();
        service.destroy();

        // then: readiness refuses traffic while the server still answers, each call on a new connection
        ServiceProcess.waitFor(() -> status(port, "/actuator/health/readiness") == 503, Duration.ofSeconds(3));
        HttpResponse<String> call =
                fresh().send(hookCall(port, request, Duration.ofSeconds(10)), HttpResponse.BodyHandlers.ofString());
        int liveness = status(port, "/actuator/health/liveness");
        Duration answeredAfter = Duration.ofNanos(System.nanoTime() - stopped);
        assertThat(call.statusCode()).as(call.body()).isEqualTo(200);
        assertThat(call.body()).contains("\"cards\"");
        assertThat(liveness).isEqualTo(200);
        assertThat(answeredAfter).as("answered within the delay").isLessThan(delay);
        // and once the delay is over, no new connection is taken
        while (!refusesConnections(port)) {
            assertThat(Duration.ofNanos(System.nanoTime() - stopped))
                    .as("connections still taken")
                    .isLessThan(delay.plusSeconds(5));
            Thread.sleep(50);
        }
        Duration refusedAfter = Duration.ofNanos(System.nanoTime() - stopped);
        assertThat(refusedAfter).as("connections refused after").isGreaterThanOrEqualTo(delay);
        assertThat(service.waitFor(drain().toSeconds(), TimeUnit.SECONDS))
                .as("exited")
                .isTrue();
        assertThat(service.exitValue()).isEqualTo(143);
        String console = Files.readString(log);
        int refusing = console.indexOf("ReadinessState changed from ACCEPTING_TRAFFIC to REFUSING_TRAFFIC");
        int delaying = console.indexOf("Taking calls for 4000 ms more while readiness refuses traffic");
        int draining = console.indexOf("Commencing graceful shutdown");
        assertThat(refusing).as("readiness change logged").isNotNegative();
        assertThat(delaying).as("delay logged after the readiness change").isGreaterThan(refusing);
        assertThat(draining).as("graceful shutdown logged after the delay").isGreaterThan(delaying);
    }

    /**
     * The chart on a FHIR server that answers each request after {@code fhirDelay}, and the jar with
     * {@code setting}, logging its readiness changes: the jar's port once it is up.
     */
    int start(Duration fhirDelay, String setting) throws Exception {
        fhir = FhirTestServer.start()
                .add(woman("p1", "1990-01-01"), condition("c1", "p1", SNOMED, "19169002", "2023-01-01"))
                .delay(fhirDelay);
        int port = ServiceProcess.freePort();
        service = ServiceProcess.startJar(
                home,
                port,
                home.resolve("service.log"),
                List.of("-Xmx512m"),
                Map.of(),
                List.of(setting, "--logging.level.org.springframework.boot.availability=debug"));
        assertThat(ServiceProcess.up(port)).as("service up").isTrue();
        return port;
    }

    /** A patient-view call of {@code request}, JSON, to the jar on {@code port}. */
    static HttpRequest hookCall(int port, String request, Duration timeout) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + HookRequests.SERVICE))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(request))
                .build();
    }

    /** A client of its own, so that each call opens a connection of its own. */
    static HttpClient fresh() {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    }

    /** The status of a GET on a new connection; -1 when the connection is refused or fails. */
    static int status(int port, String path) {
        try {
            return fresh().send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                    .timeout(Duration.ofSeconds(5))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Whether a TCP connection to the port is refused (the listener paused or closed). */
    static boolean refusesConnections(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return false;
        } catch (ConnectException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
