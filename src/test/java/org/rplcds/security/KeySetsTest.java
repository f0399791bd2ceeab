package org.rplcds.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.rplcds.CdsSettings;
import org.rplcds.support.MovingClock;
import org.springframework.util.unit.DataSize;

/** Key sets fetched from real HTTP servers on loopback that misbehave: huge, slow, failing. */
@DisplayName("Key sets")
class KeySetsTest {

    static final Duration DEADLINE = Duration.ofMillis(500);
    static final DataSize MAX_SIZE = DataSize.ofKilobytes(64);
    static final Duration FAILURE_TTL = Duration.ofSeconds(30);

    static final ECKey KEY;

    static {
        try {
            KEY = new ECKeyGenerator(Curve.P_384).keyID("k1").generate();
        } catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    HttpServer server;
    ExecutorService handlers;
    final AtomicInteger fetches = new AtomicInteger();
    final AtomicLong bytesWritten = new AtomicLong();
    final MovingClock clock = new MovingClock();
    KeySets keySets;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        handlers = Executors.newCachedThreadPool();
        server.setExecutor(handlers);
        server.start();
        keySets = new KeySets(
                new CdsSettings.Security(
                        true,
                        "https://cds.example.org",
                        Duration.ofSeconds(60),
                        Duration.ofMinutes(5),
                        Duration.ofMinutes(5),
                        DEADLINE,
                        MAX_SIZE,
                        FAILURE_TTL,
                        List.of()),
                clock);
    }

    @AfterEach
    void stop() {
        server.stop(0);
        handlers.shutdownNow();
    }

    interface Handler {
        void handle(HttpExchange exchange) throws Exception;
    }

    String serve(String path, Handler handler) {
        server.createContext(path, exchange -> {
            fetches.incrementAndGet();
            try {
                handler.handle(exchange);
            } catch (Exception e) {
                // the client went away
            } finally {
                exchange.close();
            }
        });
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    static void keys(HttpExchange exchange, long delayMillis) throws Exception {
        Thread.sleep(delayMillis);
        byte[] body = new JWKSet(KEY.toPublicJWK()).toString(true).getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
    }

    /** Writes until the client stops reading, counting what was written. */
    void endless(HttpExchange exchange, long pauseMillis, int chunk) throws Exception {
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        byte[] bytes = new byte[chunk];
        java.util.Arrays.fill(bytes, (byte) ' ');
        for (long written = 0; written < (1L << 30); written += chunk) {
            out.write(bytes);
            out.flush();
            bytesWritten.addAndGet(chunk);
            if (pauseMillis > 0) {
                Thread.sleep(pauseMillis);
            }
        }
    }

    Optional<JWK> key(String url, String kid) throws Exception {
        return assertTimeoutPreemptively(Duration.ofSeconds(20), () -> keySets.key(url, kid));
    }

    @Test
    @DisplayName("Should read a well-behaved key set once and serve its keys from the cache")
    void readsAndCaches() throws Exception {
        // given
        String url = serve("/jwks.json", exchange -> keys(exchange, 0));

        // when
        Optional<JWK> first = key(url, "k1");
        Optional<JWK> second = key(url, "k1");

        // then
        assertThat(first).map(JWK::getKeyID).contains("k1");
        assertThat(second).map(JWK::getKeyID).contains("k1");
        assertThat(fetches).hasValue(1);
    }

    @Nested
    @DisplayName("that are huge")
    class Huge {

        @Test
        @DisplayName("Should stop reading an endless key set at the size cap")
        void stopsAtTheCap() throws Exception {
            // given: a server that would write 1 GiB
            String url = serve("/endless.json", exchange -> endless(exchange, 0, 16 * 1024));

            // when / then
            assertThatThrownBy(() -> key(url, "k1"))
                    .isInstanceOf(InvalidClientTokenException.class)
                    .hasMessageContaining("larger than " + MAX_SIZE.toBytes() + " bytes");
            Thread.sleep(300);
            // What the socket buffers of loopback absorb, not the gigabyte the server meant to send.
            assertThat(bytesWritten.get()).isLessThan(32L * 1024 * 1024);
        }

        @Test
        @DisplayName("Should not read a key set whose Content-Length is over the cap")
        void refusesADeclaredLargeBody() throws Exception {
            // given
            String url = serve("/declared.json", exchange -> {
                exchange.sendResponseHeaders(200, 1L << 30);
                exchange.getResponseBody().write(new byte[1024]);
            });

            // when / then
            assertThatThrownBy(() -> key(url, "k1"))
                    .isInstanceOf(InvalidClientTokenException.class)
                    .hasMessageContaining("larger than");
        }
    }

    @Nested
    @DisplayName("that are slow")
    class Slow {

        @Test
        @DisplayName("Should give up on a body that trickles in past the deadline, headers having come at once")
        void boundsTheBody() throws Exception {
            // given: headers at once, then a byte every 50 ms for longer than a minute
            String url = serve("/trickle.json", exchange -> endless(exchange, 50, 1));

            // when
            long started = System.nanoTime();
            Throwable refused = null;
            try {
                key(url, "k1");
            } catch (InvalidClientTokenException e) {
                refused = e;
            }
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            // then
            assertThat(refused).hasMessageContaining("not read within");
            assertThat(took).isLessThan(DEADLINE.multipliedBy(4));
        }

        @Test
        @DisplayName("Should fetch once for 50 callers that arrive together at a cold cache")
        void fetchesOnceForConcurrentCallers() throws Exception {
            // given
            String url = serve("/slow.json", exchange -> keys(exchange, 200));

            // when
            List<Optional<JWK>> keys = together(50, () -> keySets.key(url, "k1"));

            // then
            assertThat(keys).allSatisfy(key -> assertThat(key).isPresent());
            assertThat(fetches).hasValue(1);
        }
    }

    @Nested
    @DisplayName("that fail")
    class Failing {

        @Test
        @DisplayName("Should remember a failed fetch and not refetch for the failure time-to-live")
        void cachesFailures() throws Exception {
            // given
            String url = serve("/broken.json", exchange -> exchange.sendResponseHeaders(500, -1));

            // when: 850 bad tokens name the broken key set
            int refused = 0;
            for (int i = 0; i < 850; i++) {
                try {
                    key(url, "k1");
                } catch (InvalidClientTokenException e) {
                    refused++;
                }
            }

            // then
            assertThat(refused).isEqualTo(850);
            assertThat(fetches).hasValue(1);
        }

        @Test
        @DisplayName("Should fetch again once the failure time-to-live has passed")
        void retriesAfterTheFailureTtl() throws Exception {
            // given: a key set that fails once, then answers
            AtomicInteger calls = new AtomicInteger();
            String url = serve("/flaky.json", exchange -> {
                if (calls.incrementAndGet() == 1) {
                    exchange.sendResponseHeaders(503, -1);
                } else {
                    keys(exchange, 0);
                }
            });
            assertThatThrownBy(() -> key(url, "k1")).hasMessageContaining("HTTP 503");
            clock.advance(FAILURE_TTL.minusSeconds(1));
            assertThatThrownBy(() -> key(url, "k1")).hasMessageContaining("unavailable");

            // when
            clock.advance(Duration.ofSeconds(2));

            // then
            assertThat(key(url, "k1")).isPresent();
            assertThat(fetches).hasValue(2);
        }

        @Test
        @DisplayName("Should refuse a body that is not a JWK Set")
        void refusesGarbage() throws Exception {
            // given
            String url = serve("/garbage.json", exchange -> {
                byte[] body = "{\"keys\":\"no\"".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            });

            // when / then
            assertThatThrownBy(() -> key(url, "k1"))
                    .isInstanceOf(InvalidClientTokenException.class)
                    .hasMessageContaining("not a JWK Set");
        }
    }

    @Nested
    @DisplayName("asked for a kid they do not hold")
    class UnknownKid {

        @Test
        @DisplayName("Should refetch once for a storm of 50 unknown-kid calls")
        void refetchesOnceForAStorm() throws Exception {
            // given: the key set was fetched more than ten seconds ago
            String url = fetched("/rotating.json", 100, Duration.ofSeconds(11));

            // when
            List<Optional<JWK>> keys = together(50, () -> keySets.key(url, "rotated-away"));

            // then
            assertThat(keys).allSatisfy(key -> assertThat(key).isEmpty());
            assertThat(fetches).hasValue(2);
        }

        @Test
        @DisplayName("Should not refetch for an unknown kid within ten seconds of the last fetch")
        void doesNotRefetchSoon() throws Exception {
            // given
            String url = fetched("/fresh.json", 0, Duration.ofSeconds(9));

            // when
            Optional<JWK> unknown = key(url, "other");

            // then
            assertThat(unknown).isEmpty();
            assertThat(fetches).hasValue(1);
        }
    }

    /** The key set served at the path (answering after the delay), fetched {@code ago} before now. */
    String fetched(String path, int delayMillis, Duration ago) throws Exception {
        String url = serve(path, exchange -> keys(exchange, delayMillis));
        assertThat(key(url, "k1")).isPresent();
        clock.advance(ago);
        return url;
    }

    static <T> List<T> together(int callers, Callable<T> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
