package org.rplcds.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.rplcds.support.Http;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Feedback against a real PostgreSQL. {@code .ci/run} starts one and sets {@code CDS_TEST_POSTGRES_URL};
 * under CI the test runs whether or not it is set, so a missing database fails the build.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "cds.security.enabled=false")
@ActiveProfiles("postgres")
@EnabledIf("postgresAvailable")
@DisplayName("Feedback stored in PostgreSQL")
class FeedbackPostgresIT {

    static boolean postgresAvailable() {
        return System.getenv("CDS_TEST_POSTGRES_URL") != null || "true".equals(System.getenv("CI"));
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add(
                "spring.datasource.url", () -> env("CDS_TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/cds"));
        registry.add("spring.datasource.username", () -> env("CDS_TEST_POSTGRES_USER", "cds"));
        registry.add("spring.datasource.password", () -> env("CDS_TEST_POSTGRES_PASSWORD", "cds"));
    }

    static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    @DisplayName("Should store the wrapper's records in PostgreSQL once each")
    void storesOnceInPostgres() {
        // given
        String card = UUID.randomUUID().toString();
        String body = "{\"feedback\":[{\"card\":\"" + card + "\",\"outcome\":\"accepted\","
                + "\"acceptedSuggestions\":[{\"id\":\"s1\"}],\"outcomeTimestamp\":\"2025-06-01T10:15:00Z\"}]}";

        // when
        Http.Answer first = new Http(port).post("/cds-services/recurrent-miscarriage/feedback", body);
        Http.Answer second = new Http(port).post("/cds-services/recurrent-miscarriage/feedback", body);

        // then
        assertThat(first.json().get("stored").asInt()).isEqualTo(1);
        assertThat(second.json().get("duplicates").asInt()).isEqualTo(1);
        assertThat(jdbc.queryForObject("select version()", String.class)).startsWith("PostgreSQL");
        assertThat(jdbc.queryForObject("select count(*) from feedback where card_uuid = ?", Integer.class, card))
                .isEqualTo(1);
    }
}
