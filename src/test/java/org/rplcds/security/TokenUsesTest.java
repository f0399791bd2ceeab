package org.rplcds.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.rplcds.support.MovingClock;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The jti store on the embedded database, migrated as the service migrates it. */
@DisplayName("Token uses")
class TokenUsesTest {

    final MovingClock clock = new MovingClock();
    JdbcTemplate jdbc;
    TokenUses uses;

    @BeforeEach
    void migrate() {
        var database =
                new DriverManagerDataSource("jdbc:h2:mem:token-uses-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure()
                .dataSource(database)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        jdbc = new JdbcTemplate(database);
        uses = new TokenUses(jdbc, clock);
    }

    Instant inFiveMinutes() {
        return clock.instant().plus(Duration.ofMinutes(5));
    }

    @Test
    @DisplayName("Should accept a jti once per issuer")
    void acceptsOnce() throws Exception {
        assertThat(uses.firstUse("https://ehr.example.org", "j1", inFiveMinutes()))
                .isTrue();
        assertThat(uses.firstUse("https://ehr.example.org", "j1", inFiveMinutes()))
                .isFalse();
        assertThat(uses.firstUse("https://other.example.org", "j1", inFiveMinutes()))
                .isTrue();
    }

    @Test
    @DisplayName("Should remember a use across instances on the same database, as after a restart")
    void remembersAcrossInstances() throws Exception {
        // given
        assertThat(uses.firstUse("https://ehr.example.org", "j2", inFiveMinutes()))
                .isTrue();

        // when
        TokenUses restarted = new TokenUses(jdbc, clock);

        // then
        assertThat(restarted.firstUse("https://ehr.example.org", "j2", inFiveMinutes()))
                .isFalse();
    }

    @Test
    @DisplayName("Should store a fixed-length hash, not the jti, whatever its length")
    void storesAHash() throws Exception {
        // given
        String jti = "j".repeat(10_000);

        // when
        uses.firstUse("https://ehr.example.org", jti, inFiveMinutes());

        // then
        assertThat(jdbc.queryForList("select token_id from client_token_use", String.class))
                .containsExactly(TokenUses.id("https://ehr.example.org", jti))
                .allSatisfy(id -> assertThat(id).hasSize(64).doesNotContain("jjj"));
    }

    @Test
    @DisplayName("Should delete expired rows on the first use a minute after the last sweep")
    void sweepsExpiredRows() throws Exception {
        // given: one use expiring in a minute, another in five
        uses.firstUse("https://ehr.example.org", "short", clock.instant().plusSeconds(60));
        uses.firstUse("https://ehr.example.org", "long", inFiveMinutes());

        // when: two minutes later, one more use
        clock.advance(Duration.ofMinutes(2));
        uses.firstUse("https://ehr.example.org", "later", inFiveMinutes());

        // then
        assertThat(jdbc.queryForObject("select count(*) from client_token_use", Integer.class))
                .isEqualTo(2);
        assertThat(jdbc.queryForObject(
                        "select count(*) from client_token_use where expires_at < ?",
                        Integer.class,
                        Timestamp.from(clock.instant())))
                .isZero();
    }
}
