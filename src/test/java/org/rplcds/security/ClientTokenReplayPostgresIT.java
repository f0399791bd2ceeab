package org.rplcds.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.net.URI;
import java.net.http.HttpRequest;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.rplcds.Application;
import org.rplcds.support.ClientTokens;
import org.rplcds.support.Http;
import org.rplcds.support.Postgres;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two instances of the service on one PostgreSQL, as two replicas behind a load balancer. Runs when
 * {@code CDS_TEST_POSTGRES_URL} is set, and always under CI, so that a missing database fails there.
 */
@EnabledIf("postgresAvailable")
@DisplayName("Replayed client tokens across replicas on PostgreSQL")
class ClientTokenReplayPostgresIT {

    static final String AUDIENCE = "https://cds.example.org";
    static final String ISSUER = "https://ehr.example.org";

    static ECKey key;
    static ConfigurableApplicationContext first;
    static ConfigurableApplicationContext second;

    static boolean postgresAvailable() {
        return Postgres.available("ClientTokenReplayPostgresIT");
    }

    static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }

    static ConfigurableApplicationContext instance() {
        return new SpringApplicationBuilder(Application.class)
                .profiles("postgres")
                // As command-line arguments: they win over the postgres profile's own settings.
                .run(
                        "--server.port=0",
                        "--spring.datasource.url="
                                + env("CDS_TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/cds"),
                        "--spring.datasource.username=" + env("CDS_TEST_POSTGRES_USER", "cds"),
                        "--spring.datasource.password=" + env("CDS_TEST_POSTGRES_PASSWORD", "cds"),
                        "--cds.security.enabled=true",
                        "--cds.security.audience=" + AUDIENCE,
                        "--cds.security.trusted-clients[0].issuer=" + ISSUER,
                        "--cds.security.trusted-clients[0].jwks=" + new JWKSet(key.toPublicJWK()).toString(true));
    }

    @BeforeAll
    static void start() throws Exception {
        key = new ECKeyGenerator(Curve.P_384).keyID("ehr-1").generate();
        first = instance();
        second = instance();
    }

    @AfterAll
    static void stop() {
        if (second != null) {
            second.close();
        }
        if (first != null) {
            first.close();
        }
    }

    static int port(ConfigurableApplicationContext instance) {
        return ((WebServerApplicationContext) instance).getWebServer().getPort();
    }

    static String token() throws Exception {
        return ClientTokens.es384(key, ISSUER, AUDIENCE, Instant.now());
    }

    static int discovery(ConfigurableApplicationContext instance, String token) {
        int port = port(instance);
        return new Http(port)
                .send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/cds-services"))
                        .header("Authorization", "Bearer " + token)
                        .GET())
                .status();
    }

    @Test
    @DisplayName("Should refuse on the second instance a token the first one accepted")
    void refusesAReplayOnAnotherInstance() throws Exception {
        // given
        String token = token();

        // when
        int onFirst = discovery(first, token);
        int onSecond = discovery(second, token);
        int againOnFirst = discovery(first, token);

        // then
        assertThat(port(first)).isNotEqualTo(port(second));
        assertThat(onFirst).isEqualTo(200);
        assertThat(onSecond).isEqualTo(401);
        assertThat(againOnFirst).isEqualTo(401);
    }

    @Test
    @DisplayName("Should refuse a replay on an instance started after the token was used, as after a restart")
    void refusesAReplayAfterARestart() throws Exception {
        // given
        String token = token();
        assertThat(discovery(first, token)).isEqualTo(200);

        // when
        ConfigurableApplicationContext restarted = instance();
        try {
            // then
            assertThat(discovery(restarted, token)).isEqualTo(401);
            assertThat(discovery(restarted, token())).isEqualTo(200);
        } finally {
            restarted.close();
        }
    }

    @Test
    @DisplayName("Should sweep expired uses from PostgreSQL and keep the live ones")
    void sweepsExpiredUses() throws Exception {
        // given: the table as the instances left it, plus one use long expired
        JdbcTemplate jdbc = first.getBean(JdbcTemplate.class);
        assertThat(jdbc.queryForObject("select version()", String.class)).startsWith("PostgreSQL");
        String expired = TokenUses.id(ISSUER, "expired-" + UUID.randomUUID());
        jdbc.update(
                "insert into client_token_use (token_id, expires_at) values (?, ?)",
                expired,
                Timestamp.from(Instant.now().minus(Duration.ofHours(1))));
        String live = TokenUses.id(ISSUER, "live-" + UUID.randomUUID());
        jdbc.update(
                "insert into client_token_use (token_id, expires_at) values (?, ?)",
                live,
                Timestamp.from(Instant.now().plus(Duration.ofHours(1))));

        // when: the first use seen by a freshly started instance, which sweeps at once
        new TokenUses(jdbc, Clock.systemUTC())
                .firstUse(ISSUER, UUID.randomUUID().toString(), Instant.now());

        // then
        assertThat(jdbc.queryForObject(
                        "select count(*) from client_token_use where token_id = ?", Integer.class, expired))
                .isZero();
        assertThat(jdbc.queryForObject("select count(*) from client_token_use where token_id = ?", Integer.class, live))
                .isEqualTo(1);
    }
}
