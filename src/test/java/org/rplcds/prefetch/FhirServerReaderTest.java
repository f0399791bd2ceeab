package org.rplcds.prefetch;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.parser.LenientErrorHandler;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rplcds.support.Fhir;
import org.rplcds.system.CdsProperties;
import org.rplcds.system.MemoryBudget;
import org.springframework.util.unit.DataSize;

@DisplayName("FhirServerReader")
class FhirServerReaderTest {

    static final String EMPTY_BUNDLE = "{\"resourceType\":\"Bundle\",\"type\":\"searchset\"}";

    final List<HttpServer> servers = new CopyOnWriteArrayList<>();
    final List<FhirServerReader> readers = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        servers.forEach(server -> server.stop(0));
        readers.forEach(FhirServerReader::destroy);
    }

    FhirServerReader reader(Duration total) {
        return reader(total, 5000, DataSize.ofMegabytes(16));
    }

    FhirServerReader reader(Duration total, int maxResources, DataSize maxBytes) {
        FhirServerReader reader = new FhirServerReader(
                Fhir.CONTEXT,
                new LenientErrorHandler(false),
                new CdsProperties(
                        new CdsProperties.Fallback(Duration.ofSeconds(1), total, 1000, 8, maxResources, maxBytes)),
                new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
        readers.add(reader);
        return reader;
    }

    static Map<String, FhirServerReader.Outcome> read(
            FhirServerReader reader, URI base, Optional<String> token, Map<String, String> queries) {
        List<FhirServerReader.Search> searches = new ArrayList<>();
        URI root = URI.create(base + "/");
        queries.forEach((key, query) -> {
            Optional<SearchQuery> parsed = SearchQuery.parse(query);
            if (parsed.isEmpty()) {
                searches.add(new FhirServerReader.Search(key, root.resolve(query), 0));
                return;
            }
            SearchQuery search = parsed.get();
            searches.add(new FhirServerReader.Search(
                    key,
                    FhirServerReader.Request.get(search.get(root)),
                    0,
                    (status, said) -> SearchPlanner.recover(search, said, ServerProfile.UNKNOWN).stream()
                            .map(instead -> FhirServerReader.Request.get(instead.get(root)))
                            .toList()));
        });
        return reader.read(base, token, searches, System.nanoTime());
    }

    HttpServer server(String host, Handler handler) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(host, 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/", exchange -> {
            try {
                handler.handle(exchange);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException e) {
                // The reader hung up: expected when it stops at a limit.
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
        answer(exchange, 200, json);
    }

    static void answer(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/fhir+json");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    /** A server whose every answer is {@code head}, then {@code chunk} again and again, for ever. */
    HttpServer endless(String head, String chunk, AtomicLong written) throws IOException {
        byte[] start = head.getBytes(StandardCharsets.UTF_8);
        byte[] more = chunk.getBytes(StandardCharsets.UTF_8);
        return server("127.0.0.1", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/fhir+json");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            out.write(start);
            while (true) {
                out.write(more);
                written.addAndGet(more.length);
            }
        });
    }

    static URI base(HttpServer server, String host) {
        return URI.create("http://" + host + ":" + server.getAddress().getPort() + "/fhir");
    }

    static String condition(int id) {
        return "{\"fullUrl\":\"Condition/" + id + "\",\"resource\":{\"resourceType\":\"Condition\",\"id\":\"" + id
                + "\",\"subject\":{\"reference\":\"Patient/1\"}}}";
    }

    /** A page of Conditions {@code from} to {@code to}, linking to the next when there is one. */
    static String page(HttpServer server, int from, int to, int total) {
        List<String> entries = new ArrayList<>();
        for (int i = from; i < to; i++) {
            entries.add(condition(i));
        }
        String next = to < total
                ? ",\"link\":[{\"relation\":\"next\",\"url\":\"" + base(server, "127.0.0.1") + "/page?from=" + to
                        + "\"}]"
                : "";
        return "{\"resourceType\":\"Bundle\",\"type\":\"searchset\",\"total\":" + total + next + ",\"entry\":["
                + String.join(",", entries) + "]}";
    }

    static int from(HttpExchange exchange) {
        String query = exchange.getRequestURI().getQuery();
        return query != null && query.startsWith("from=") ? Integer.parseInt(query.substring(5)) : 0;
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
            answer(exchange, EMPTY_BUNDLE);
            inFlight.decrementAndGet();
        });

        // when
        var outcomes = read(
                reader(Duration.ofSeconds(5)),
                base(server, "127.0.0.1"),
                Optional.empty(),
                Map.of("a", "Condition?patient=1", "b", "Observation?patient=1", "c", "Procedure?patient=1"));

        // then
        assertThat(maxInFlight.get()).isEqualTo(3);
        assertThat(outcomes.values()).allSatisfy(o -> assertThat(o.failure()).isEmpty());
    }

    @Nested
    @DisplayName("Paging")
    class Paging {

        @Test
        @DisplayName("Should read the pages of one search in order, each once, and count them")
        void readsPagesInOrder() throws Exception {
            // given: 95 results, 10 a page
            List<Integer> asked = new CopyOnWriteArrayList<>();
            HttpServer[] server = new HttpServer[1];
            server[0] = server("127.0.0.1", exchange -> {
                int from = from(exchange);
                asked.add(from);
                answer(exchange, page(server[0], from, Math.min(from + 10, 95), 95));
            });

            // when
            var outcome = read(
                            reader(Duration.ofSeconds(5)),
                            base(server[0], "127.0.0.1"),
                            Optional.empty(),
                            Map.of("conditions", "Condition?patient=1"))
                    .get("conditions");

            // then
            assertThat(outcome.failure()).isEmpty();
            assertThat(outcome.resources()).hasSize(95);
            assertThat(outcome.pages()).isEqualTo(10);
            assertThat(asked).containsExactly(0, 10, 20, 30, 40, 50, 60, 70, 80, 90);
        }

        @Test
        @DisplayName("Should read a hundred pages without starting a thread for each")
        void startsNoThreadPerPage() throws Exception {
            // given
            HttpServer[] server = new HttpServer[1];
            server[0] = server("127.0.0.1", exchange -> {
                int from = from(exchange);
                answer(exchange, page(server[0], from, Math.min(from + 10, 1000), 1000));
            });
            FhirServerReader reader = reader(Duration.ofSeconds(20));
            // warm: the server's and the reader's threads exist before counting
            read(reader, base(server[0], "127.0.0.1"), Optional.empty(), Map.of("warm", "Condition?patient=1"));
            long startedBefore = ManagementFactory.getThreadMXBean().getTotalStartedThreadCount();

            // when
            var outcome = read(
                            reader,
                            base(server[0], "127.0.0.1"),
                            Optional.empty(),
                            Map.of("conditions", "Condition?patient=1"))
                    .get("conditions");

            // then
            assertThat(outcome.failure()).isEmpty();
            assertThat(outcome.pages()).isEqualTo(100);
            long started = ManagementFactory.getThreadMXBean().getTotalStartedThreadCount() - startedBefore;
            assertThat(started).isLessThan(10);
        }

        @Test
        @DisplayName("Should call a search incomplete when its total exceeds its results and no next link follows")
        void findsAMissingNextLink() throws Exception {
            // given: 10 results of 25, and no next link
            HttpServer server = server(
                    "127.0.0.1",
                    exchange -> answer(exchange, page(null, 0, 10, 10).replace("\"total\":10", "\"total\":25")));

            // when
            var outcome = read(
                            reader(Duration.ofSeconds(5)),
                            base(server, "127.0.0.1"),
                            Optional.empty(),
                            Map.of("conditions", "Condition?patient=1"))
                    .get("conditions");

            // then
            assertThat(outcome.failure()).contains("FHIR server answered 10 of 25 results and no next link");
        }

        @Test
        @DisplayName("Should read the search without its code filter when the server refuses it, once for all keys")
        void readsUnfilteredOnceWhenTheFilterIsRefused() throws Exception {
            // given: a server that knows no code parameter
            List<String> asked = new CopyOnWriteArrayList<>();
            HttpServer server = server("127.0.0.1", exchange -> {
                String query = exchange.getRequestURI().getQuery();
                asked.add(query);
                if (query.contains("code=")) {
                    answer(
                            exchange,
                            400,
                            "{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\","
                                    + "\"code\":\"not-supported\"}]}");
                } else {
                    answer(exchange, page(null, 0, 3, 3));
                }
            });
            Map<String, String> queries = new LinkedHashMap<>();
            queries.put("observations", "Observation?patient=1&code=a,b&_count=1000");
            queries.put("observations2", "Observation?patient=1&code=c,d&_count=1000");

            // when
            var outcomes = read(reader(Duration.ofSeconds(5)), base(server, "127.0.0.1"), Optional.empty(), queries);

            // then
            assertThat(outcomes.values()).allSatisfy(o -> {
                assertThat(o.failure()).isEmpty();
                assertThat(o.retried()).contains("HTTP 400");
            });
            assertThat(outcomes.values().stream()
                            .mapToInt(o -> o.resources().size())
                            .sum())
                    .isEqualTo(3);
            assertThat(asked.stream().filter(q -> !q.contains("code="))).containsExactly("patient=1&_count=1000");
        }
    }

    @Nested
    @DisplayName("Limits")
    class Limits {

        @Test
        @Timeout(10)
        @DisplayName("Should give up on a server that does not answer once the total time is spent")
        void boundsTheTotalTime() throws Exception {
            // given
            HttpServer server = server("127.0.0.1", exchange -> Thread.sleep(8_000));

            // when
            var outcomes = read(
                    reader(Duration.ofMillis(300)),
                    base(server, "127.0.0.1"),
                    Optional.of("t"),
                    Map.of("conditions", "Condition?patient=1"));

            // then
            assertThat(outcomes.get("conditions").failure()).contains("no answer within the time limit");
        }

        @Test
        @Timeout(30)
        @DisplayName(
                "Should have stopped every read of a call, parsing included, by the time the call has its outcomes")
        void noReadOutlivesItsCall() throws Exception {
            // given: a server that sends Conditions without end, to six searches of one call at once
            AtomicLong written = new AtomicLong();
            StringBuilder chunk = new StringBuilder();
            for (int i = 0; i < 200; i++) {
                chunk.append(condition(i)).append(',');
            }
            HttpServer server = endless(
                    "{\"resourceType\":\"Bundle\",\"type\":\"searchset\",\"entry\":[", chunk.toString(), written);
            FhirServerReader reader = reader(Duration.ofMillis(300), 1_000_000, DataSize.ofGigabytes(1));
            Map<String, String> queries = new LinkedHashMap<>();
            for (int i = 0; i < 6; i++) {
                queries.put("k" + i, "Condition?patient=1&n=" + i);
            }

            // the FHIR model is known before the first read, as the service has it once started
            Fhir.CONTEXT.getResourceDefinition("Condition");

            for (int round = 0; round < 5; round++) {
                // when
                var outcomes = read(reader, base(server, "127.0.0.1"), Optional.empty(), queries);

                // then: each search ran out of time, and not one is still reading or parsing
                assertThat(outcomes.values()).allSatisfy(outcome -> assertThat(outcome.failure())
                        .contains("no answer within the time limit"));
                assertThat(reader.running())
                        .as("reads still at work after round %d", round)
                        .isZero();
            }
        }

        @Test
        @Timeout(30)
        @DisplayName("Should refuse the call when the resources it reads find no room in the memory budget")
        void refusesPastTheMemoryBudget() throws Exception {
            // given: 5,000 Conditions, each held at ten times its JSON, against a budget of 2 MB
            HttpServer server = server("127.0.0.1", exchange -> answer(exchange, page(null, 0, 5_000, 5_000)));
            MemoryBudget budget = new MemoryBudget(2 * 1024 * 1024);
            FhirServerReader reader = reader(Duration.ofSeconds(5), 10_000, DataSize.ofMegabytes(16));

            // when
            Throwable refused;
            try (MemoryBudget.Lease lease = budget.open();
                    MemoryBudget.Scope scope = lease.bind()) {
                refused = org.assertj.core.api.Assertions.catchThrowable(() -> read(
                        reader,
                        base(server, "127.0.0.1"),
                        Optional.empty(),
                        Map.of("conditions", "Condition?patient=1")));
            }

            // then: the call is refused, gave back what it held, and nothing reads on
            assertThat(refused).isInstanceOf(MemoryBudget.Exhausted.class);
            assertThat(budget.held()).isZero();
            assertThat(reader.running()).isZero();
        }

        @Test
        @Timeout(10)
        @DisplayName("Should stop reading a body that trickles on past the deadline")
        void stopsATricklingBody() throws Exception {
            // given: headers at once, then one byte every 20 ms for ever
            AtomicLong written = new AtomicLong();
            CountDownLatch hungUp = new CountDownLatch(1);
            HttpServer server = server("127.0.0.1", exchange -> {
                exchange.getResponseHeaders().add("Content-Type", "application/fhir+json");
                exchange.sendResponseHeaders(200, 0);
                OutputStream out = exchange.getResponseBody();
                out.write("{\"resourceType\":\"Bundle\",\"entry\":[".getBytes(StandardCharsets.UTF_8));
                try {
                    while (true) {
                        out.write(' ');
                        out.flush();
                        written.incrementAndGet();
                        Thread.sleep(20);
                    }
                } catch (IOException e) {
                    hungUp.countDown();
                    throw e;
                }
            });

            // when
            var outcome = read(
                            reader(Duration.ofMillis(500)),
                            base(server, "127.0.0.1"),
                            Optional.empty(),
                            Map.of("conditions", "Condition?patient=1"))
                    .get("conditions");

            // then: the reader gave up and hung up
            assertThat(outcome.failure()).contains("no answer within the time limit");
            assertThat(hungUp.await(5, TimeUnit.SECONDS)).isTrue();
        }

        @Test
        @Timeout(60)
        @DisplayName("Should stop at the resource limit of a search answering a million entries, and hang up")
        void stopsAtTheResourceLimit() throws Exception {
            // given: a Bundle of 1,000,000 Conditions, written as it is read
            AtomicLong written = new AtomicLong();
            HttpServer server = server("127.0.0.1", exchange -> {
                exchange.getResponseHeaders().add("Content-Type", "application/fhir+json");
                exchange.sendResponseHeaders(200, 0);
                OutputStream out = exchange.getResponseBody();
                out.write("{\"resourceType\":\"Bundle\",\"type\":\"searchset\",\"entry\":["
                        .getBytes(StandardCharsets.UTF_8));
                for (int i = 0; i < 1_000_000; i++) {
                    byte[] entry = ((i > 0 ? "," : "") + condition(i)).getBytes(StandardCharsets.UTF_8);
                    out.write(entry);
                    written.addAndGet(entry.length);
                }
                out.write("]}".getBytes(StandardCharsets.UTF_8));
            });

            // when
            var outcome = read(
                            reader(Duration.ofSeconds(30), 5000, DataSize.ofMegabytes(512)),
                            base(server, "127.0.0.1"),
                            Optional.empty(),
                            Map.of("conditions", "Condition?patient=1"))
                    .get("conditions");

            // then: stopped after 5,000 resources, long before the 80 MB were written
            assertThat(outcome.failure()).contains("more resources than the limit of one search");
            assertThat(outcome.resources()).isEmpty();
            Thread.sleep(200);
            assertThat(written.get()).isLessThan(20L * 1024 * 1024);
        }

        @Test
        @DisplayName("Should hold the searches of one key to one resource limit together")
        void sharesTheLimitOfAKey() throws Exception {
            // given: two slices of one key, 3 Conditions each, and a limit of 5 resources
            HttpServer server = server("127.0.0.1", exchange -> answer(exchange, page(null, 0, 3, 3)));
            URI root = URI.create(base(server, "127.0.0.1") + "/");
            AtomicInteger shared = new AtomicInteger(5);
            List<FhirServerReader.Search> searches = new ArrayList<>();
            for (String slice : List.of("lt2020", "ge2020")) {
                searches.add(new FhirServerReader.Search(
                        "procedures" + slice,
                        FhirServerReader.Request.get(root.resolve("Procedure?patient=1&date=" + slice)),
                        0,
                        FhirServerReader.Recovery.NONE,
                        shared));
            }

            // when
            var outcomes = reader(Duration.ofSeconds(5), 5, DataSize.ofMegabytes(16))
                    .read(base(server, "127.0.0.1"), Optional.empty(), searches, System.nanoTime());

            // then: one slice read its 3, the other stopped at the 2 left
            assertThat(FhirServerReader.merged(List.copyOf(outcomes.values())).failure())
                    .contains("more resources than the limit of one search");
        }

        @Test
        @Timeout(30)
        @DisplayName("Should stop at the byte limit of a search whose body has no end")
        void stopsAtTheByteLimit() throws Exception {
            // given: entries without end, none with a resource
            AtomicLong written = new AtomicLong();
            HttpServer server = endless(
                    "{\"resourceType\":\"Bundle\",\"entry\":[{}",
                    ",{\"fullUrl\":\"urn:uuid:0\"}".repeat(2048),
                    written);

            // when
            var outcome = read(
                            reader(Duration.ofSeconds(20), 5000, DataSize.ofMegabytes(4)),
                            base(server, "127.0.0.1"),
                            Optional.empty(),
                            Map.of("conditions", "Condition?patient=1"))
                    .get("conditions");

            // then
            assertThat(outcome.failure()).contains("more bytes than the limit of one search");
            assertThat(outcome.bytes()).isEqualTo(DataSize.ofMegabytes(4).toBytes());
            Thread.sleep(200);
            assertThat(written.get()).isLessThan(64L * 1024 * 1024);
        }

        @Test
        @Timeout(30)
        @DisplayName("Should stop at a string without end, long before the byte limit")
        void stopsAtAStringWithoutEnd() throws Exception {
            // given: one string value that never ends
            HttpServer server =
                    endless("{\"resourceType\":\"Patient\",\"id\":\"", "x".repeat(64 * 1024), new AtomicLong());

            // when
            var outcome = read(
                            reader(Duration.ofSeconds(20)),
                            base(server, "127.0.0.1"),
                            Optional.empty(),
                            Map.of("patient", "Patient/1"))
                    .get("patient");

            // then: a string is held whole while it is read, so it stops at 1 MB
            assertThat(outcome.failure()).contains("a value longer than the limit of 1 MB");
            assertThat(outcome.bytes()).isLessThan(2L * 1024 * 1024);
        }

        @Test
        @Timeout(30)
        @DisplayName("Should stop at an entry without end, whose tree would be many times its bytes")
        void stopsAtAnEntryWithoutEnd() throws Exception {
            // given: one entry whose resource has an extension list without end
            HttpServer server = endless(
                    "{\"resourceType\":\"Bundle\",\"entry\":[{\"resource\":{\"resourceType\":\"Condition\","
                            + "\"extension\":[{}",
                    ",{}".repeat(8192),
                    new AtomicLong());

            // when
            var outcome = read(
                            reader(Duration.ofSeconds(20)),
                            base(server, "127.0.0.1"),
                            Optional.empty(),
                            Map.of("conditions", "Condition?patient=1"))
                    .get("conditions");

            // then
            assertThat(outcome.failure()).contains("a value longer than the limit of 2 MB");
            assertThat(outcome.bytes()).isLessThan(3L * 1024 * 1024);
        }
    }

    @Test
    @DisplayName("Should not follow a next link to another host, so the token stays with fhirServer")
    void keepsTheTokenOnTheServer() throws Exception {
        // given
        List<String> elsewhere = new CopyOnWriteArrayList<>();
        HttpServer other = server("127.0.0.1", exchange -> {
            elsewhere.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            answer(exchange, EMPTY_BUNDLE);
        });
        String next = "http://localhost:" + other.getAddress().getPort() + "/fhir/page2";
        HttpServer server = server(
                "127.0.0.1",
                exchange -> answer(
                        exchange,
                        "{\"resourceType\":\"Bundle\",\"type\":\"searchset\","
                                + "\"link\":[{\"relation\":\"next\",\"url\":\"" + next + "\"}]}"));

        // when
        var outcomes = read(
                reader(Duration.ofSeconds(2)),
                base(server, "127.0.0.1"),
                Optional.of("secret"),
                Map.of("conditions", "Condition?patient=1"));

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
        var outcomes = read(
                reader(Duration.ofSeconds(2)),
                base(server, "127.0.0.1"),
                Optional.empty(),
                Map.of("patient", "Patient/1"));

        // then
        assertThat(outcomes.get("patient").failure()).contains("FHIR server answer is not FHIR R4 JSON");
    }
}
