package org.rplcds.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.rplcds.support.Fhir;
import org.rplcds.support.HookRequests;
import org.rplcds.support.Http;
import org.rplcds.support.Postgres;
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
@EnabledIf(
        value = "postgresAvailable",
        disabledReason = "CDS_TEST_POSTGRES_URL is not set: .ci/run starts a PostgreSQL and sets it")
@DisplayName("Feedback stored in PostgreSQL")
class FeedbackPostgresIT {

    static boolean postgresAvailable() {
        return Postgres.available("FeedbackPostgresIT");
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

    @Test
    @DisplayName("Should store every accepted record exactly once under 50 threads x 200 posts")
    void storesOnceUnderLoad() throws Exception {
        // given: 10,000 posts drawing from 2,000 card/outcome pairs, so threads collide on purpose
        String run = UUID.randomUUID().toString().substring(0, 8);
        int threads = 50;
        int posts = 200;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        java.util.concurrent.atomic.AtomicInteger stored = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger duplicates = new java.util.concurrent.atomic.AtomicInteger();
        java.util.Set<String> sent = java.util.concurrent.ConcurrentHashMap.newKeySet();
        java.util.List<java.util.concurrent.Future<?>> work = new java.util.ArrayList<>();

        // when
        for (int t = 0; t < threads; t++) {
            int thread = t;
            work.add(pool.submit(() -> {
                java.util.Random random = new java.util.Random(thread);
                Http http = new Http(port);
                for (int i = 0; i < posts; i++) {
                    String card = run + "-" + random.nextInt(1000);
                    String outcome = random.nextBoolean() ? "accepted" : "overridden";
                    sent.add(card + "|" + outcome);
                    String record = "{\"card\":\"" + card + "\",\"outcome\":\"" + outcome + "\","
                            + "\"acceptedSuggestions\":[{\"id\":\"s1\"}],\"outcomeTimestamp\":\"2025-06-01T10:15:00Z\"}";
                    Http.Answer answer = http.post(
                            "/cds-services/recurrent-miscarriage/feedback", "{\"feedback\":[" + record + "]}");
                    assertThat(answer.status()).isEqualTo(200);
                    stored.addAndGet(answer.json().get("stored").asInt());
                    duplicates.addAndGet(answer.json().get("duplicates").asInt());
                }
                return null;
            }));
        }
        for (var future : work) {
            future.get();
        }
        pool.shutdown();

        // then
        Integer rows =
                jdbc.queryForObject("select count(*) from feedback where card_uuid like ?", Integer.class, run + "-%");
        assertThat(stored.get() + duplicates.get()).isEqualTo(threads * posts);
        assertThat(rows).isEqualTo(sent.size()).isEqualTo(stored.get());
    }

    @Test
    @DisplayName("Should store the override reason's code and system, and migrate former reasons, in PostgreSQL")
    void storesTheReasonCode() {
        // given
        String card = UUID.randomUUID().toString();
        String schema = "migration_" + UUID.randomUUID().toString().replace("-", "");
        String body = "{\"feedback\":[{\"card\":\"" + card + "\",\"outcome\":\"overridden\",\"overrideReason\":"
                + "{\"reason\":{\"system\":\"" + FeedbackMigrationTest.NON_ADHERENCE
                + "\",\"code\":\"action-completed\"}},"
                + "\"outcomeTimestamp\":\"2025-06-01T10:15:00Z\"}]}";

        // when
        new Http(port).post("/cds-services/recurrent-miscarriage/feedback", body);
        Map<String, Map<String, Object>> migrated;
        try {
            migrated = FeedbackMigrationTest.migrated(jdbc.getDataSource(), schema);
        } finally {
            jdbc.execute("drop schema if exists " + schema + " cascade");
        }

        // then
        assertThat(jdbc.queryForMap("select override_system, override_code from feedback where card_uuid = ?", card))
                .containsEntry("override_system", FeedbackMigrationTest.NON_ADHERENCE)
                .containsEntry("override_code", "action-completed");
        FeedbackMigrationTest.assertMigrated(migrated);
    }

    @Test
    @DisplayName(
            "Should keep the audit trail in PostgreSQL: a hook call read back by patient and counted in the report")
    void keepsTheAuditTrailInPostgres() {
        // given
        String patient = "pg-" + UUID.randomUUID().toString().substring(0, 8);
        String call = HookRequests.patientView(patient)
                .prefetch(Fhir.womanWithLosses(patient, "2023-01-10", "2023-06-20", "2024-02-03"))
                .json();

        // when
        Http.Answer answer = new Http(port).post(HookRequests.SERVICE, call);
        Http.Answer trail = new Http(port).get("/governance/AuditEvent?patient=" + patient + "&date=ge2020-01-01");
        Http.Answer report = new Http(port).get("/governance/usage?period=day");

        // then
        assertThat(answer.status()).isEqualTo(200);
        assertThat(trail.status()).isEqualTo(200);
        assertThat(trail.json().get("total").asInt()).isEqualTo(1);
        assertThat(trail.json().at("/entry/0/resource/entity/0/what/reference").asText())
                .isEqualTo("Patient/" + patient);
        assertThat(report.status()).isEqualTo(200);
        assertThat(report.json().get("periods").findValuesAsText("rule")).contains("RPL-01");
        assertThat(jdbc.queryForObject(
                        "select count(*) from audit_card c join audit_event e on e.id = c.event_id"
                                + " where e.patient = ?",
                        Integer.class,
                        "Patient/" + patient))
                .isEqualTo(answer.json().get("cards").size());
    }
}
