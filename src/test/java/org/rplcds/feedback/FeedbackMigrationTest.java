package org.rplcds.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The migration that gives the override reason's coding columns of its own, run on a store that
 * holds rows written before it, as the service wrote them.
 */
@DisplayName("Feedback store migration V4: the override reason's code and system")
class FeedbackMigrationTest {

    static final String FORMER = "http://recurrent-miscarriage-cds.org/fhir/CodeSystem/override-reason";
    static final String NON_ADHERENCE = "http://terminology.hl7.org/CodeSystem/non-adherence-reason-codes";

    /**
     * Migrates the schema to V3, stores rows as the service did then, migrates to the latest and
     * answers the override system and code of each row by card.
     */
    static Map<String, Map<String, Object>> migrated(DataSource database, String schema) {
        Flyway.configure()
                .dataSource(database)
                .schemas(schema)
                .locations("classpath:db/migration")
                .target("3")
                .load()
                .migrate();
        JdbcTemplate jdbc = new JdbcTemplate(database);
        String table = schema + ".feedback";
        Map<String, String> rows = Map.of(
                "done", "{\"reason\":{\"system\":\"" + FORMER + "\",\"code\":\"already-addressed\"}}",
                "declined-bare", "{\"reason\":{\"code\":\"patient-declined\"},\"userComment\":\"no\"}",
                "not-applicable", "{\"reason\":{\"code\":\"not-applicable\",\"system\":null}}",
                "judgement", "{\"reason\":{\"system\":\"" + FORMER + "\",\"code\":\"clinical-judgement\"}}",
                "own", "{\"reason\":{\"system\":\"urn:example:ehr\",\"code\":\"already-addressed\"}}",
                "comment", "{\"userComment\":\"\\\"code\\\":\\\"already-addressed\\\"\"}");
        rows.forEach((card, reason) -> jdbc.update(
                "insert into " + table + " (service_id, card_uuid, outcome, outcome_timestamp, override_reason,"
                        + " received_at, event_hash) values ('s', ?, 'overridden', current_timestamp, ?,"
                        + " current_timestamp, ?)",
                card,
                reason,
                UUID.randomUUID().toString().replace("-", "").repeat(2)));

        Flyway.configure()
                .dataSource(database)
                .schemas(schema)
                .locations("classpath:db/migration")
                .load()
                .migrate();

        Map<String, Map<String, Object>> migrated = new java.util.HashMap<>();
        for (String card : rows.keySet()) {
            migrated.put(
                    card,
                    jdbc.queryForMap(
                            "select override_system, override_code from " + table + " where card_uuid = ?", card));
        }
        return migrated;
    }

    /** What each stored row must hold after the migration. */
    static void assertMigrated(Map<String, Map<String, Object>> rows) {
        assertThat(rows.get("done"))
                .containsEntry("override_system", NON_ADHERENCE)
                .containsEntry("override_code", "action-completed");
        assertThat(rows.get("declined-bare")).containsEntry("override_code", "patient-refuses");
        assertThat(rows.get("not-applicable")).containsEntry("override_code", "cds-not-applicable");
        assertThat(rows.get("judgement")).containsEntry("override_code", "risk-benefit-ratio");
        // a client's own code system, and a comment that quotes a code, are no former reasons
        assertThat(rows.get("own")).containsEntry("override_system", null).containsEntry("override_code", null);
        assertThat(rows.get("comment")).containsEntry("override_code", null);
    }

    @Test
    @DisplayName("Should give the rows stored with the former reasons the CDS Hooks code that replaced each (H2)")
    void mapsTheFormerReasons() {
        // given an H2 store at V3 holding rows of every kind
        DataSource h2 = new DriverManagerDataSource(
                "jdbc:h2:mem:migration-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");

        // when
        Map<String, Map<String, Object>> rows = migrated(h2, "PUBLIC");

        // then
        assertMigrated(rows);
    }
}
