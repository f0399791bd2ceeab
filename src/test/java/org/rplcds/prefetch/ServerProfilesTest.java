package org.rplcds.prefetch;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.parser.LenientErrorHandler;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.rplcds.support.Fhir;
import org.rplcds.system.CdsProperties;
import org.springframework.util.unit.DataSize;

@DisplayName("Server profiles")
class ServerProfilesTest {

    static final String EPIC = "{\"resourceType\":\"CapabilityStatement\",\"publisher\":\"Epic\","
            + "\"rest\":[{\"mode\":\"server\",\"resource\":[{\"type\":\"Condition\","
            + "\"searchParam\":[{\"name\":\"patient\"},{\"name\":\"clinical-status\"}]}]}]}";

    final List<HttpServer> servers = new CopyOnWriteArrayList<>();
    final FhirServerReader reader = new FhirServerReader(
            Fhir.CONTEXT,
            new LenientErrorHandler(false),
            new CdsProperties(new CdsProperties.Fallback(
                    Duration.ofSeconds(1), Duration.ofSeconds(2), 1000, 8, 5000, DataSize.ofMegabytes(16))),
            new SimpleMeterRegistry());
    final AtomicLong now = new AtomicLong();

    @AfterEach
    void stop() {
        servers.forEach(s -> s.stop(0));
        reader.destroy();
    }

    /** A server whose metadata answers {@code status} and {@code body} after {@code delay}, counting its reads. */
    URI server(int status, String body, Duration delay, AtomicInteger reads) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/fhir/metadata", exchange -> {
            reads.incrementAndGet();
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/fhir+json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        servers.add(server);
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/fhir/");
    }

    ServerProfiles profiles(int maxServers) {
        return new ServerProfiles(reader, Duration.ofHours(1), maxServers, now::get);
    }

    static long inSeconds(int seconds) {
        return System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
    }

    @Test
    @DisplayName("Should read a server's statement once and keep it for its lifetime")
    void keepsTheStatement() throws Exception {
        AtomicInteger reads = new AtomicInteger();
        URI base = server(200, EPIC, Duration.ZERO, reads);
        ServerProfiles profiles = profiles(10);

        ServerProfile first = profiles.profile(base, inSeconds(2));
        now.addAndGet(Duration.ofMinutes(59).toNanos());
        ServerProfile second = profiles.profile(base, inSeconds(2));
        now.addAndGet(Duration.ofMinutes(2).toNanos());
        profiles.profile(base, inSeconds(2));

        assertThat(first.dialect()).isEqualTo(Dialect.EPIC);
        assertThat(second).isSameAs(first);
        assertThat(reads).hasValue(2);
    }

    @Test
    @DisplayName("Should plan without a statement the server does not give, and ask again only after a minute")
    void asksAgainAfterAMinute() throws Exception {
        AtomicInteger reads = new AtomicInteger();
        URI base = server(401, "{}", Duration.ZERO, reads);
        ServerProfiles profiles = profiles(10);

        ServerProfile profile = profiles.profile(base, inSeconds(2));
        profiles.profile(base, inSeconds(2));
        now.addAndGet(ServerProfiles.RETRY_AFTER.toNanos() + 1);
        profiles.profile(base, inSeconds(2));

        assertThat(profile).isEqualTo(ServerProfile.UNKNOWN);
        assertThat(reads).hasValue(2);
    }

    @Test
    @DisplayName("Should give up on a statement that comes later than half the time the call has left")
    void givesUpAtHalfTheTimeLeft() throws Exception {
        // The statement comes after 5 s; the call has 2 s left, so waits at most 1 s for it.
        URI base = server(200, EPIC, Duration.ofSeconds(5), new AtomicInteger());
        long started = System.nanoTime();

        ServerProfile profile = profiles(10)
                .profile(base, System.nanoTime() + Duration.ofSeconds(2).toNanos());

        assertThat(profile).isEqualTo(ServerProfile.UNKNOWN);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
    }

    @Test
    @DisplayName("Should read a server once for calls that need it at the same time")
    void sharesOneRead() throws Exception {
        AtomicInteger reads = new AtomicInteger();
        URI base = server(200, EPIC, Duration.ofMillis(200), reads);
        ServerProfiles profiles = profiles(10);
        var calls = Executors.newFixedThreadPool(4);
        List<Future<ServerProfile>> answers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            answers.add(calls.submit(() -> profiles.profile(base, inSeconds(2))));
        }

        for (Future<ServerProfile> answer : answers) {
            assertThat(answer.get().dialect()).isEqualTo(Dialect.EPIC);
        }
        calls.shutdown();
        assertThat(reads).hasValue(1);
    }

    @Test
    @DisplayName("Should keep at most the configured number of servers, the least recently used going first")
    void boundsTheServersKept() throws Exception {
        AtomicInteger firstReads = new AtomicInteger();
        URI first = server(200, EPIC, Duration.ZERO, firstReads);
        URI second = server(200, EPIC, Duration.ZERO, new AtomicInteger());
        URI third = server(200, EPIC, Duration.ZERO, new AtomicInteger());
        ServerProfiles profiles = profiles(2);

        profiles.profile(first, inSeconds(2));
        profiles.profile(second, inSeconds(2));
        profiles.profile(third, inSeconds(2));
        profiles.profile(first, inSeconds(2));

        assertThat(firstReads).hasValue(2);
    }
}
