package org.rplcds.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rplcds.support.Fhir;
import org.rplcds.support.HookRequests;
import org.rplcds.support.ServiceProcess;

/**
 * The service as its own JVM on the default embedded database, called by 50 clients for a minute
 * and killed without warning while they call: every call it answered is in the audit trail when it
 * comes back, and the only events more are of calls in flight at the kill, which no client saw
 * answered.
 */
@DisplayName("Audit trail across a crash of the service")
class AuditCrashIT {

    static final int CLIENTS = 50;
    static final Duration LOAD = Duration.ofSeconds(Long.getLong("audit.load.seconds", 60));

    @TempDir
    Path home;

    Process service;

    @AfterEach
    void stop() throws InterruptedException {
        ServiceProcess.kill(service);
    }

    @Test
    @DisplayName("Should hold an event for every call answered when the JVM is killed under 50 clients")
    void keepsAnEventForEveryAnsweredCall() throws Exception {
        // given: 50 clients calling, each call with a hookInstance of its own
        int port = ServiceProcess.freePort();
        service = start(port);
        // warmed up by a few calls, as a replica is before it takes its share of the load
        for (int i = 0; i < 5; i++) {
            assertThat(answered(port, 0, UUID.randomUUID().toString())).isTrue();
        }
        Set<String> answered = ConcurrentHashMap.newKeySet();
        Set<String> sent = ConcurrentHashMap.newKeySet();
        AtomicInteger failed = new AtomicInteger();
        AtomicBoolean calling = new AtomicBoolean(true);
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            clients.submit(() -> {
                while (calling.get()) {
                    String hookInstance = UUID.randomUUID().toString();
                    sent.add(hookInstance);
                    if (answered(port, client, hookInstance)) {
                        answered.add(hookInstance);
                    } else {
                        failed.incrementAndGet();
                    }
                }
                return null;
            });
        }

        // when: killed without warning after the load, clients still calling
        Thread.sleep(LOAD.toMillis());
        ServiceProcess.kill(service);
        int atTheKill = answered.size();
        calling.set(false);
        clients.shutdown();
        assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        service = start(port);

        // then
        Set<String> stored = storedHookInstances(port);
        stored.removeIf(hookInstance -> !sent.contains(hookInstance));
        Set<String> unanswered = new HashSet<>(stored);
        unanswered.removeAll(answered);
        System.out.printf(
                "audit crash: %d clients, %d s, %d calls answered 200, %d failed (at the kill), %d events stored,"
                        + " %d of calls not answered%n",
                CLIENTS, LOAD.toSeconds(), answered.size(), failed.get(), stored.size(), unanswered.size());
        assertThat(answered.size()).isEqualTo(atTheKill).isGreaterThan(CLIENTS);
        assertThat(stored).containsAll(answered);
        // Stored but not answered: calls whose answer the kill cut off, at most one per client,
        // each a call its client saw fail.
        assertThat(unanswered).hasSizeLessThanOrEqualTo(CLIENTS);
        assertThat(sent).containsAll(unanswered);
        assertThat(failed.get()).isGreaterThanOrEqualTo(unanswered.size());
    }

    /** True when the service answered the call 200; false for any failure. */
    static boolean answered(int port, int client, String hookInstance) {
        String patient = "crash-" + client;
        String body = HookRequests.patientView(patient)
                .hookInstance(hookInstance)
                .prefetch(Fhir.womanWithLosses(patient, "2023-01-10", "2023-06-20", "2024-02-03"))
                .json();
        try {
            HttpResponse<String> response = ServiceProcess.CLIENT.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + HookRequests.SERVICE))
                            .timeout(Duration.ofSeconds(60))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Every hookInstance of the trail, read page by page. */
    static Set<String> storedHookInstances(int port) throws Exception {
        Set<String> found = new HashSet<>();
        String next = "/governance/AuditEvent?date=ge2000-01-01&_count=500";
        while (next != null) {
            HttpResponse<String> response = ServiceProcess.CLIENT.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + next))
                            .timeout(Duration.ofSeconds(60))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode bundle = HookRequests.JSON.readTree(response.body());
            for (JsonNode entry : bundle.path("entry")) {
                for (JsonNode entity : entry.at("/resource/entity")) {
                    if ("hookInstance".equals(entity.path("name").asText())) {
                        found.add(entity.at("/what/identifier/value").asText());
                    }
                }
            }
            next = null;
            for (JsonNode link : bundle.path("link")) {
                if (link.get("relation").asText().equals("next")) {
                    String url = link.get("url").asText();
                    next = url.substring(url.indexOf("/governance"));
                }
            }
        }
        return found;
    }

    /** The demo profile without its data: the embedded H2 file database, tokens not checked. */
    Process start(int port) throws Exception {
        return ServiceProcess.start(
                home, port, List.of("-Xmx256m"), List.of("--cds.demo.enabled=false", "--cds.security.enabled=false"));
    }
}
