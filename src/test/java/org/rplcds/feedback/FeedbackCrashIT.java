package org.rplcds.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rplcds.support.HookRequests;
import org.rplcds.support.ServiceProcess;

/**
 * The service as its own JVM on the default embedded database, killed without warning while
 * clients post feedback: whatever it answered as stored must be there when it comes back.
 */
@DisplayName("Feedback across a crash of the service")
class FeedbackCrashIT {

    static final String FEEDBACK = "/cds-services/recurrent-miscarriage/feedback";
    static final HttpClient CLIENT = ServiceProcess.CLIENT;

    @TempDir
    Path home;

    Process service;

    @AfterEach
    void stop() throws InterruptedException {
        ServiceProcess.kill(service);
    }

    @Test
    @DisplayName("Should keep every item answered as stored when the JVM is killed mid-load")
    void keepsAcknowledgedFeedback() throws Exception {
        // given: the service on the default H2 file database under its working directory
        int port = freePort();
        service = start(port);
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicBoolean posting = new AtomicBoolean(true);
        ExecutorService clients = Executors.newFixedThreadPool(8);
        for (int c = 0; c < 8; c++) {
            int client = c;
            clients.submit(() -> {
                for (int i = 0; posting.get(); i++) {
                    String card = "crash-" + client + "-" + i;
                    if (stored(port, card)) {
                        acknowledged.add(card);
                    }
                }
                return null;
            });
        }

        // when: killed without warning, clients still posting
        waitFor(() -> acknowledged.size() >= 300, Duration.ofSeconds(60));
        ServiceProcess.kill(service);
        posting.set(false);
        clients.shutdown();
        assertThat(clients.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        service = start(port);

        // then: each acknowledged item, sent again, is found stored before
        List<String> cards = new ArrayList<>(acknowledged);
        assertThat(cards).hasSizeGreaterThanOrEqualTo(300);
        int found = 0;
        for (int from = 0; from < cards.size(); from += FeedbackService.MAX_RECORDS) {
            List<String> batch = cards.subList(from, Math.min(cards.size(), from + FeedbackService.MAX_RECORDS));
            JsonNode receipt = post(port, batch);
            assertThat(receipt.get("received").asInt()).isEqualTo(batch.size());
            found += receipt.get("duplicates").asInt();
        }
        assertThat(found).isEqualTo(cards.size());
    }

    static String record(String card) {
        return "{\"card\":\"" + card + "\",\"outcome\":\"overridden\","
                + "\"overrideReason\":{\"reason\":{\"code\":\"patient-refuses\"}},"
                + "\"outcomeTimestamp\":\"2025-06-01T10:15:00Z\"}";
    }

    /** True when the service answered that it stored the record; false for any failure. */
    static boolean stored(int port, String card) {
        try {
            HttpResponse<String> response = CLIENT.send(
                    request(port, "{\"feedback\":[" + record(card) + "]}"), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200
                    && HookRequests.JSON
                                    .readTree(response.body())
                                    .path("stored")
                                    .asInt()
                            == 1;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static JsonNode post(int port, List<String> cards) throws Exception {
        String body = "{\"feedback\":["
                + String.join(",", cards.stream().map(FeedbackCrashIT::record).toList()) + "]}";
        HttpResponse<String> response = CLIENT.send(request(port, body), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return HookRequests.JSON.readTree(response.body());
    }

    static HttpRequest request(int port, String body) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + FEEDBACK))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    /** The jar as production runs it would do; the main classes and their libraries do too. */
    Process start(int port) throws Exception {
        // The demo profile without its data; security off: the check of tokens is not what is tested.
        return ServiceProcess.start(
                home, port, List.of("-Xmx256m"), List.of("--cds.demo.enabled=false", "--cds.security.enabled=false"));
    }

    static int freePort() throws IOException {
        return ServiceProcess.freePort();
    }

    static void waitFor(ServiceProcess.Condition condition, Duration within) throws Exception {
        ServiceProcess.waitFor(condition, within);
    }
}
