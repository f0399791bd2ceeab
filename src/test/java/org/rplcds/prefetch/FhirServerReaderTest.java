package org.rplcds.prefetch;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rplcds.support.Fhir;
import org.rplcds.system.CdsProperties;

@DisplayName("FhirServerReader")
class FhirServerReaderTest {

    final List<HttpServer> servers = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        servers.forEach(server -> server.stop(0));
    }

    FhirServerReader reader(Duration total) {
        return new FhirServerReader(
                Fhir.CONTEXT,
                new CdsProperties(new CdsProperties.Fallback(Duration.ofSeconds(1), total, 20, 8)),
                new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
    }

    HttpServer server(String host, Handler handler) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(host, 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            try {
                handler.handle(exchange);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                exchange.close();
            }
        });
        server.start();
        servers.add(server);
        return server;
    }

    interface Handler {
        void handle(HttpExchange exchange) throws IOException, InterruptedException;
    }

    static void answer(HttpExchange exchange, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/fhir+json");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
    }

    static URI base(HttpServer server, String host) {
        return URI.create("http://" + host + ":" + server.getAddress().getPort() + "/fhir");
    }

    @Test
    @DisplayName("Should run all queries at the same time")
    void runsQueriesInParallel() throws Exception {
        // given: a server that holds every request until three are in flight together
        CountDownLatch allArrived = new CountDownLatch(3);
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger maxInFlight = new AtomicInteger();
        HttpServer server = server("127.0.0.1", exchange -> {
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            allArrived.countDown();
            allArrived.await(2, TimeUnit.SECONDS);
            answer(exchange, "{\"resourceType\":\"Bundle\",\"type\":\"searchset\"}");
            inFlight.decrementAndGet();
        });

        // when
        var outcomes = reader(Duration.ofSeconds(5))
                .read(
                        base(server, "127.0.0.1"),
                        Optional.empty(),
                        Map.of("a", "Condition?patient=1", "b", "Observation?patient=1", "c", "Procedure?patient=1"));

        // then
        assertThat(maxInFlight.get()).isEqualTo(3);
        assertThat(outcomes.values()).allSatisfy(o -> assertThat(o.failure()).isEmpty());
    }

    @Test
    @Timeout(10)
    @DisplayName("Should give up on a server that does not answer once the total time is spent")
    void boundsTheTotalTime() throws Exception {
        // given
        HttpServer server = server("127.0.0.1", exchange -> Thread.sleep(8_000));

        // when
        var outcomes = reader(Duration.ofMillis(300))
                .read(base(server, "127.0.0.1"), Optional.of("t"), Map.of("conditions", "Condition?patient=1"));

        // then
        assertThat(outcomes.get("conditions").failure()).contains("no answer within the time limit");
    }

    @Test
    @DisplayName("Should not follow a next link to another host, so the token stays with fhirServer")
    void keepsTheTokenOnTheServer() throws Exception {
        // given
        List<String> elsewhere = new CopyOnWriteArrayList<>();
        HttpServer other = server("127.0.0.1", exchange -> {
            elsewhere.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            answer(exchange, "{\"resourceType\":\"Bundle\",\"type\":\"searchset\"}");
        });
        String next = "http://localhost:" + other.getAddress().getPort() + "/fhir/page2";
        HttpServer server = server(
                "127.0.0.1",
                exchange -> answer(
                        exchange,
                        "{\"resourceType\":\"Bundle\",\"type\":\"searchset\","
                                + "\"link\":[{\"relation\":\"next\",\"url\":\"" + next + "\"}]}"));

        // when
        var outcomes = reader(Duration.ofSeconds(2))
                .read(base(server, "127.0.0.1"), Optional.of("secret"), Map.of("conditions", "Condition?patient=1"));

        // then
        assertThat(outcomes.get("conditions").failure()).contains("next link points outside the FHIR server");
        assertThat(elsewhere).isEmpty();
    }

    @Test
    @DisplayName("Should report an answer that is not FHIR JSON as a failure of that query")
    void reportsInvalidJson() throws Exception {
        // given
        HttpServer server = server("127.0.0.1", exchange -> answer(exchange, "<html>login</html>"));

        // when
        var outcomes = reader(Duration.ofSeconds(2))
                .read(base(server, "127.0.0.1"), Optional.empty(), Map.of("patient", "Patient/1"));

        // then
        assertThat(outcomes.get("patient").failure()).contains("FHIR server answer is not FHIR R4 JSON");
    }
}
