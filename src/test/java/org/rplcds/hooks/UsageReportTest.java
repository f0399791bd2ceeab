package org.rplcds.hooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rplcds.support.HookRequests.SERVICE;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.rplcds.audit.AuditTrail;
import org.rplcds.cards.OverrideReason;
import org.rplcds.support.CdsServiceTest;
import org.rplcds.support.Fhir;
import org.rplcds.support.FixedClock;
import org.rplcds.support.HookRequests;
import org.rplcds.support.Http;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * The usage report and its Prometheus counters through HTTP, on a database of the class's own:
 * RPL-04 runs silent, overrides for a reason that says the matter is done snooze for 30 days.
 */
@CdsServiceTest
@TestPropertySource(
        properties = {
            "spring.datasource.url=jdbc:h2:mem:cds-usage;DB_CLOSE_DELAY=-1",
            "cds.rules.RPL-04.mode=silent",
            "cds.ui.snooze-days=30"
        })
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DisplayName("Usage report")
class UsageReportTest {

    static final String FEEDBACK = SERVICE + "/feedback";
    static final String TODAY = "2025-06-01";

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    AuditTrail trail;

    /** A call for a woman of three losses: RPL-01's card; its uuid. */
    String rplCard(String patient) {
        String request = HookRequests.patientView(patient)
                .prefetch(Fhir.womanWithLosses(patient, "2023-01-10", "2023-06-20", "2024-02-03"))
                .json();
        Http.Answer answer = new Http(port).post(SERVICE, request);
        assertThat(answer.status()).isEqualTo(200);
        List<String> cards = new ArrayList<>();
        answer.json().get("cards").forEach(card -> {
            if (card.at("/source/topic/code").asText().equals("RPL-01")) {
                cards.add(card.get("uuid").asText());
            }
        });
        return cards.isEmpty() ? null : cards.get(0);
    }

    void feedback(String records) {
        Http.Answer answer = new Http(port).post(FEEDBACK, "{\"feedback\":[" + records + "]}");
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    }

    static String overridden(String card, String reason) {
        return "{\"card\":\"" + card + "\",\"outcome\":\"overridden\",\"outcomeTimestamp\":\"" + TODAY + "T09:00:00Z\""
                + (reason == null ? "" : ",\"overrideReason\":{\"reason\":" + reason + "}") + "}";
    }

    static String reason(String code) {
        return "{\"system\":\"" + OverrideReason.SYSTEM + "\",\"code\":\"" + code + "\"}";
    }

    JsonNode row(JsonNode rows, String rule) {
        for (JsonNode row : rows) {
            if (row.get("rule").asText().equals(rule)) {
                return row;
            }
        }
        throw new AssertionError("no row for " + rule + " in " + rows);
    }

    String prometheus() {
        Http.Answer answer = new Http(port).get("/actuator/prometheus");
        assertThat(answer.status()).isEqualTo(200);
        return answer.body();
    }

    static long series(String exposition, String name) {
        return exposition.lines().filter(line -> line.startsWith(name + "{")).count();
    }

    static double value(String exposition, String name, String... labels) {
        return exposition
                .lines()
                .filter(line -> line.startsWith(name + "{"))
                .filter(line -> List.of(labels).stream().allMatch(line::contains))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    @Test
    @Order(1)
    @DisplayName(
            "Should count per recommendation the cards shown, silent and snoozed, and feedback by outcome and reason")
    void countsWhatEachRecommendationGaveAndWhatWasDone() throws Exception {
        // given: four women with RPL-01's card, and one whose TSH gives RPL-04's card, silent here
        String anna = rplCard("usage-anna");
        String bea = rplCard("usage-bea");
        String cleo = rplCard("usage-cleo");
        String dora = rplCard("usage-dora");
        String silent = Files.readString(Path.of("hooks/examples/rpl-04-in-eshre-tsh-4.1.request.json"));
        Http.Answer quiet = new Http(port).post(SERVICE, silent);
        assertThat(quiet.status()).isEqualTo(200);
        assertThat(quiet.json().get("cards").findValuesAsText("code")).doesNotContain("RPL-04");
        // anna's card accepted; bea's overridden as done, which snoozes it; cleo's for a reason of
        // the client's own; dora's without a reason
        feedback("{\"card\":\"" + anna + "\",\"outcome\":\"accepted\",\"outcomeTimestamp\":\"" + TODAY
                + "T09:00:00Z\",\"acceptedSuggestions\":[{\"id\":\"s1\"}]}");
        feedback(overridden(bea, reason(OverrideReason.ACTION_COMPLETED.code())) + ","
                + overridden(cleo, "{\"system\":\"urn:local\",\"code\":\"no-time\"}") + ","
                + overridden(dora, null));
        assertThat(rplCard("usage-bea")).as("snoozed").isNull();

        // when
        Http.Answer answer = new Http(port).get("/governance/usage?from=2025-05-01&to=" + TODAY + "&period=month");

        // then
        assertThat(answer.status()).isEqualTo(200);
        JsonNode report = answer.json();
        assertThat(report.get("period").asText()).isEqualTo("month");
        assertThat(report.get("auditTrail").asBoolean()).isTrue();
        assertThat(report.get("periods")).hasSize(2);
        assertThat(report.at("/periods/0/rules")).isEmpty();
        JsonNode june = report.at("/periods/1");
        assertThat(june.get("start").asText()).isEqualTo("2025-06-01");
        assertThat(june.get("end").asText()).isEqualTo(TODAY);
        JsonNode rpl01 = row(june.get("rules"), "RPL-01");
        assertThat(rpl01.get("mode").asText()).isEqualTo("on");
        assertThat(rpl01.at("/counts/shown").asLong()).isEqualTo(4);
        assertThat(rpl01.at("/counts/snoozed").asLong()).isEqualTo(1);
        assertThat(rpl01.at("/counts/silent").asLong()).isZero();
        assertThat(rpl01.at("/counts/accepted").asLong()).isEqualTo(1);
        assertThat(rpl01.at("/counts/overridden").asLong()).isEqualTo(3);
        assertThat(rpl01.at("/counts/reasons/action-completed").asLong()).isEqualTo(1);
        assertThat(rpl01.at("/counts/reasons/other").asLong()).isEqualTo(1);
        assertThat(rpl01.at("/counts/reasons/none").asLong()).isEqualTo(1);
        assertThat(rpl01.at("/counts/reasons/patient-refuses").asLong()).isZero();
        JsonNode rpl04 = row(june.get("rules"), "RPL-04");
        assertThat(rpl04.get("mode").asText()).isEqualTo("silent");
        assertThat(rpl04.at("/counts/silent").asLong()).isEqualTo(1);
        assertThat(rpl04.at("/counts/shown").asLong()).isZero();
        // every recommendation of the catalogue in the total, counted or not
        assertThat(report.get("total").findValuesAsText("rule")).contains("RPL-01", "RPL-04", "RPL-20");
        assertThat(row(report.get("total"), "RPL-01").at("/counts/shown").asLong())
                .isEqualTo(4);

        String metrics = prometheus();
        assertThat(value(metrics, "cds_cards_total", "rule=\"RPL-01\"")).isEqualTo(4);
        assertThat(value(metrics, "cds_cards_silent_total", "rule=\"RPL-04\"")).isEqualTo(1);
        assertThat(value(metrics, "cds_cards_snoozed_total", "rule=\"RPL-01\"")).isEqualTo(1);
        assertThat(value(metrics, "cds_cards_feedback_total", "rule=\"RPL-01\"", "outcome=\"accepted\""))
                .isEqualTo(1);
        for (String reason : List.of("action-completed", "other", "none")) {
            assertThat(value(
                            metrics,
                            "cds_cards_feedback_total",
                            "rule=\"RPL-01\"",
                            "outcome=\"overridden\"",
                            "reason=\"" + reason + "\""))
                    .as(reason)
                    .isEqualTo(1);
        }
    }

    @Test
    @Order(2)
    @DisplayName("Should keep the feedback counters to bounded labels when clients send 10,000 distinct junk values")
    void boundsTheLabelsAgainstJunk() {
        // given
        long before = series(prometheus(), "cds_cards_feedback_total");

        // when: 20 requests of 500 records, each with its own card, reason system and code
        for (int request = 0; request < 20; request++) {
            StringBuilder records = new StringBuilder();
            for (int i = 0; i < 500; i++) {
                String junk = UUID.randomUUID().toString();
                if (i > 0) {
                    records.append(',');
                }
                records.append(
                        i % 2 == 0
                                ? overridden(junk, "{\"system\":\"urn:" + junk + "\",\"code\":\"" + junk + "\"}")
                                : overridden(junk, "{\"code\":\"" + junk + "\"}"));
            }
            feedback(records.toString());
        }
        // and junk service ids, which name no service
        for (int i = 0; i < 50; i++) {
            Http.Answer answer = new Http(port)
                    .post("/cds-services/junk-" + i + "/feedback", "{\"feedback\":[" + overridden("x", null) + "]}");
            assertThat(answer.status()).isEqualTo(404);
        }

        // then: one series more, the card no call gave for a reason the cards do not offer
        String after = prometheus();
        assertThat(series(after, "cds_cards_feedback_total") - before).isEqualTo(1);
        assertThat(value(after, "cds_cards_feedback_total", "rule=\"unknown\"", "reason=\"other\""))
                .isEqualTo(10_000);
        assertThat(after).doesNotContain("junk-");
    }

    @Test
    @Order(3)
    @DisplayName("Should refuse a report it cannot make with 400, naming what is wrong")
    void refusesBadRanges() {
        for (String query : List.of(
                "?from=2025-06-02&to=2025-06-01",
                "?period=year",
                "?from=June",
                "?from=2020-01-01&to=2025-06-01&period=day")) {
            Http.Answer answer = new Http(port).get("/governance/usage" + query);
            assertThat(answer.status()).as(query).isEqualTo(400);
            assertThat(answer.json().get("error").asText()).isEqualTo("bad-request");
        }
    }

    @Test
    @Order(4)
    @DisplayName("Should answer 503 with Retry-After, and no cards, while the audit trail cannot be written")
    void refusesACallItCannotRecord() {
        // given
        String request = HookRequests.patientView("usage-outage")
                .prefetch(Fhir.womanWithLosses("usage-outage", "2023-01-10", "2023-06-20"))
                .json();
        jdbc.execute("alter table audit_event rename to audit_event_away");
        Http.Answer answer;
        try {
            // when
            answer = new Http(port).post(SERVICE, request);
        } finally {
            jdbc.execute("alter table audit_event_away rename to audit_event");
        }

        // then
        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.header("Retry-After")).isEqualTo("5");
        assertThat(answer.json().get("error").asText()).isEqualTo("unavailable");
        assertThat(answer.body()).doesNotContain("cards");
        assertThat(new Http(port).post(SERVICE, request).status()).isEqualTo(200);
    }

    @Test
    @Order(5)
    @DisplayName("Should delete the events past their retention, and their cards, and keep the others")
    void deletesPastRetention() {
        // given
        long events = jdbc.queryForObject("select count(*) from audit_event", Long.class);
        assertThat(events).isPositive();

        // when: a day before the retention ends, then a day after
        int early = trail.purge(FixedClock.NOW.plus(Duration.ofDays(2192 - 1)));
        int late = trail.purge(FixedClock.NOW.plus(Duration.ofDays(2192 + 1)));

        // then
        assertThat(early).isZero();
        assertThat(late).isEqualTo((int) events);
        assertThat(jdbc.queryForObject("select count(*) from audit_card", Long.class))
                .isZero();
        assertThat(new Http(port)
                        .get("/governance/AuditEvent?date=ge2025-01-01")
                        .json()
                        .get("total")
                        .asInt())
                .isZero();
    }
}
