package org.rplcds.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.rplcds.Application;
import org.rplcds.support.ClientTokens;
import org.rplcds.support.Http;
import org.rplcds.support.Postgres;
import org.rplcds.support.TcpCut;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The service on PostgreSQL through a connection that the test cuts, as a database outage does:
 * hook calls and feedback are answered 503 in seconds, never 401 as if the token were bad, and
 * readiness goes down until the database is back. Runs when {@code CDS_TEST_POSTGRES_URL} is set,
 * and always under CI.
 */
@EnabledIf("postgresAvailable")
@DisplayName("A database outage in the postgres profile")
class DatabaseOutagePostgresIT {

    static final String AUDIENCE = "https://cds.example.org";
    static final String ISSUER = "https://ehr.example.org";

    static ECKey key;
    static TcpCut database;
    static ConfigurableApplicationContext service;

    static boolean postgresAvailable() {
        return Postgres.available("DatabaseOutagePostgresIT");
    }

    @BeforeAll
    static void start() throws Exception {
        key = new ECKeyGenerator(Curve.P_384).keyID("ehr-1").generate();
        URI url = URI.create(
                ClientTokenReplayPostgresIT.env("CDS_TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/cds")
                        .substring("jdbc:".length()));
        database = TcpCut.to(url.getHost(), url.getPort());
        service = new SpringApplicationBuilder(Application.class)
                .profiles("postgres")
                .run(
                        "--server.port=0",
                        "--spring.datasource.url=jdbc:postgresql://127.0.0.1:" + database.port() + url.getPath(),
                        "--spring.datasource.username="
                                + ClientTokenReplayPostgresIT.env("CDS_TEST_POSTGRES_USER", "cds"),
                        "--spring.datasource.password="
                                + ClientTokenReplayPostgresIT.env("CDS_TEST_POSTGRES_PASSWORD", "cds"),
                        "--cds.security.enabled=true",
                        "--cds.security.audience=" + AUDIENCE,
                        "--cds.security.trusted-clients[0].issuer=" + ISSUER,
                        "--cds.security.trusted-clients[0].jwks=" + new JWKSet(key.toPublicJWK()).toString(true));
    }

    @AfterAll
    static void stop() throws Exception {
        if (service != null) {
            service.close();
        }
        if (database != null) {
            database.close();
        }
    }

    static int port() {
        return ((WebServerApplicationContext) service).getWebServer().getPort();
    }

    static Http.Answer call(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + path))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + ClientTokens.es384(key, ISSUER, AUDIENCE, Instant.now()))
                .header("Content-Type", "application/json");
        request = body == null ? request.GET() : request.method(method, HttpRequest.BodyPublishers.ofString(body));
        return new Http(port()).send(request);
    }

    static int readiness() {
        return new Http(port()).get("/actuator/health/readiness").status();
    }

    @Test
    @DisplayName("Should answer 503 with Retry-After in seconds while the database is cut, go unready, and recover")
    void outage() throws Exception {
        // given a service that answers
        assertThat(call("GET", "/cds-services", null).status()).isEqualTo(200);
        assertThat(readiness()).isEqualTo(200);

        // when the database is cut
        database.cut();
        long started = System.nanoTime();
        Http.Answer discovery = call("GET", "/cds-services", null);
        long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
        Http.Answer feedback = call(
                "POST",
                "/cds-services/recurrent-miscarriage/feedback",
                "{\"feedback\":[{\"card\":\"9b2c0e5e-1f2a-4b64-9a60-2d6c1f0f1a11\",\"outcome\":\"overridden\","
                        + "\"outcomeTimestamp\":\"2025-06-01T10:00:00Z\"}]}");

        // then: the client is told to send again, never that its token is bad
        assertThat(discovery.status()).isEqualTo(503);
        assertThat(discovery.header("Retry-After")).isEqualTo("5");
        assertThat(discovery.json().get("error").asText()).isEqualTo("unavailable");
        assertThat(millis).isLessThan(10_000);
        assertThat(feedback.status()).isEqualTo(503);
        assertThat(readiness()).isEqualTo(503);

        // when the database is back
        database.restore();
        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (readiness() != 200 && System.nanoTime() < until) {
            Thread.sleep(500);
        }

        // then
        assertThat(readiness()).isEqualTo(200);
        assertThat(call("GET", "/cds-services", null).status()).isEqualTo(200);
    }
}
