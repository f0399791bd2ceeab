package org.rplcds.hooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rplcds.support.Fhir.womanWithLosses;
import static org.rplcds.support.HookRequests.SERVICE;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rplcds.support.CdsServiceTest;
import org.rplcds.support.HookRequests;
import org.rplcds.support.Http;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A FHIR server that answers without end: a Bundle of a million entries, a body that never
 * closes. The service stops reading at its limits, answers 412, and goes on serving.
 */
@CdsServiceTest
@DisplayName("A FHIR server that answers without end")
class HostileFhirServerTest {

    @LocalServerPort
    int port;

    HttpServer server;
    final AtomicLong written = new AtomicLong();

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    void serve(Body body) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/", exchange -> {
            try (exchange) {
                exchange.getResponseHeaders().add("Content-Type", "application/fhir+json");
                exchange.sendResponseHeaders(200, 0);
                body.write(exchange.getResponseBody());
            } catch (IOException e) {
                // The service hung up, as it should at its limits.
            }
        });
        server.start();
    }

    interface Body {
        void write(OutputStream out) throws IOException;
    }

    /** Where a hostile answer is written, a piece at a time. */
    interface Sink {
        void write(String text) throws IOException;
    }

    /** A searchset of 1,000,000 Conditions of patient p1: about 100 MB. */
    static void millionConditions(Sink sink) throws IOException {
        sink.write("{\"resourceType\":\"Bundle\",\"type\":\"searchset\",\"entry\":[");
        for (int i = 0; i < 1_000_000; i++) {
            sink.write((i > 0 ? "," : "") + "{\"resource\":{\"resourceType\":\"Condition\",\"id\":\"c" + i
                    + "\",\"subject\":{\"reference\":\"Patient/p1\"}}}");
        }
        sink.write("]}");
    }

    void write(OutputStream out, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.write(bytes);
        written.addAndGet(bytes.length);
    }

    Http.Answer callWithoutPrefetch() {
        String fhirServer = "http://127.0.0.1:" + server.getAddress().getPort() + "/fhir";
        return new Http(port)
                .post(
                        SERVICE,
                        HookRequests.patientView("p1")
                                .fhirServer(fhirServer, "t")
                                .json());
    }

    void assertStillServing() {
        assertThat(new Http(port).get("/actuator/health").status()).isEqualTo(200);
        String request = HookRequests.patientView("p1")
                .prefetch(womanWithLosses("p1", "2023-01-01", "2024-01-01"))
                .json();
        assertThat(new Http(port).post(SERVICE, request).status()).isEqualTo(200);
    }

    @Test
    @Timeout(60)
    @DisplayName("Should answer 412 to a million-entry Bundle after reading a small part of it, and serve on")
    void stopsAMillionEntryBundle() throws Exception {
        // given: every search answers 1,000,000 Conditions, about 100 MB
        serve(out -> millionConditions(text -> write(out, text)));

        // when
        Http.Answer answer = callWithoutPrefetch();

        // then
        assertThat(answer.status()).isEqualTo(412);
        assertThat(answer.json().at("/missing/conditions").asText())
                .isIn("more resources than the limit of one search", "no answer within the time limit");
        Thread.sleep(300);
        assertThat(written.get()).isLessThan(7L * 100 * 1024 * 1024 / 10);
        assertStillServing();
    }

    @Test
    @Timeout(60)
    @DisplayName("Should answer 412 to a body without end within the time limit, and serve on")
    void stopsABodyWithoutEnd() throws Exception {
        // given: a string value that never ends
        serve(out -> {
            write(out, "{\"resourceType\":\"Bundle\",\"type\":\"searchset\",\"id\":\"");
            String chunk = "x".repeat(64 * 1024);
            while (true) {
                write(out, chunk);
            }
        });

        // when
        Http.Answer answer = callWithoutPrefetch();

        // then: cut off at the longest string read (1 MB) or at the deadline
        assertThat(answer.status()).isEqualTo(412);
        assertThat(answer.json().at("/missing/conditions").asText())
                .isIn("a value longer than the limit of 1 MB", "no answer within the time limit");
        Thread.sleep(300);
        long afterAnswer = written.get();
        Thread.sleep(300);
        assertThat(written.get()).isEqualTo(afterAnswer);
        assertStillServing();
    }
}
