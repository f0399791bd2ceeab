package org.rplcds.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rplcds.support.CdsServiceTest;
import org.rplcds.support.Http;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

@CdsServiceTest
@DisplayName("POST /cds-services/recurrent-miscarriage/feedback (H2)")
class FeedbackEndpointTest {

    static final String FEEDBACK = "/cds-services/recurrent-miscarriage/feedback";
    static final String NON_ADHERENCE = "http://terminology.hl7.org/CodeSystem/non-adherence-reason-codes";

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    static String accepted(String card) {
        return "{\"card\":\"" + card + "\",\"outcome\":\"accepted\",\"acceptedSuggestions\":[{\"id\":\"s1\"}],"
                + "\"outcomeTimestamp\":\"2025-06-01T10:15:00Z\"}";
    }

    static String overridden(String card) {
        return overridden(card, "\"system\":\"" + NON_ADHERENCE + "\",\"code\":\"patient-refuses\"");
    }

    /** An override whose reason's coding is given as JSON members. */
    static String overridden(String card, String coding) {
        return "{\"card\":\"" + card + "\",\"outcome\":\"overridden\",\"overrideReason\":{\"reason\":{" + coding
                + "},\"userComment\":\"declined today\"},\"outcomeTimestamp\":\"2025-06-01T10:16:00+02:00\"}";
    }

    /** The override reason's system and code as stored for the card. */
    Map<String, Object> reason(String card) {
        return jdbc.queryForMap("select override_system, override_code from feedback where card_uuid = ?", card);
    }

    int rows(String card) {
        return jdbc.queryForObject("select count(*) from feedback where card_uuid = ?", Integer.class, card);
    }

    @Test
    @DisplayName("Should store every record of the feedback wrapper")
    void storesTheWrapper() {
        // given
        String a = UUID.randomUUID().toString();
        String b = UUID.randomUUID().toString();

        // when
        Http.Answer answer =
                new Http(port).post(FEEDBACK, "{\"feedback\":[" + accepted(a) + "," + overridden(b) + "]}");

        // then
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().get("stored").asInt()).isEqualTo(2);
        assertThat(rows(a)).isEqualTo(1);
        assertThat(rows(b)).isEqualTo(1);
        assertThat(jdbc.queryForObject("select override_reason from feedback where card_uuid = ?", String.class, b))
                .contains("patient-refuses");
    }

    @Nested
    @DisplayName("an override reason")
    class OverrideReasons {

        @Test
        @DisplayName("Should store the code and system of an offered reason in columns of their own")
        void storesCodeAndSystem() {
            // given
            String card = UUID.randomUUID().toString();

            // when
            Http.Answer answer = new Http(port).post(FEEDBACK, "{\"feedback\":[" + overridden(card) + "]}");

            // then
            assertThat(answer.status()).isEqualTo(200);
            assertThat(reason(card))
                    .containsEntry(
                            "override_system", "http://terminology.hl7.org/CodeSystem/non-adherence-reason-codes")
                    .containsEntry("override_code", "patient-refuses");
        }

        @Test
        @DisplayName("Should store a reason the card did not offer, as CDS Hooks lets a client add its own")
        void storesAReasonNotOffered() {
            // given a client's own reason, and one the cards offered before the CDS Hooks codes
            String own = UUID.randomUUID().toString();
            String former = UUID.randomUUID().toString();

            // when
            Http.Answer answer = new Http(port)
                    .post(
                            FEEDBACK,
                            "{\"feedback\":["
                                    + overridden(own, "\"system\":\"urn:example:ehr-reasons\",\"code\":\"on-leave\"")
                                    + "," + overridden(former, "\"code\":\"already-addressed\"") + "]}");

            // then
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.json().get("stored").asInt()).isEqualTo(2);
            assertThat(reason(own))
                    .containsEntry("override_system", "urn:example:ehr-reasons")
                    .containsEntry("override_code", "on-leave");
            assertThat(reason(former))
                    .containsEntry("override_system", null)
                    .containsEntry("override_code", "already-addressed");
        }

        @Test
        @DisplayName("Should store no code for an override without a reason, or with a comment alone")
        void storesNoCodeWithoutAReason() {
            // given
            String bare = UUID.randomUUID().toString();
            String commented = UUID.randomUUID().toString();

            // when
            new Http(port)
                    .post(
                            FEEDBACK,
                            "{\"feedback\":[{\"card\":\"" + bare + "\",\"outcome\":\"overridden\","
                                    + "\"outcomeTimestamp\":\"2025-06-01T10:00:00Z\"},{\"card\":\"" + commented
                                    + "\",\"outcome\":\"overridden\",\"overrideReason\":{\"userComment\":\"seen\"},"
                                    + "\"outcomeTimestamp\":\"2025-06-01T10:00:00Z\"}]}");

            // then
            assertThat(reason(bare)).containsEntry("override_code", null);
            assertThat(reason(commented)).containsEntry("override_code", null);
        }
    }

    @Test
    @DisplayName("Should store an exact resend once, however often it is sent")
    void isIdempotentForAnExactResend() {
        // given
        String card = UUID.randomUUID().toString();
        String body = "{\"feedback\":[" + accepted(card) + "]}";

        // when
        new Http(port).post(FEEDBACK, body);
        Http.Answer again = new Http(port).post(FEEDBACK, body);
        new Http(port).post(FEEDBACK, "{\"feedback\":[" + overridden(card) + "]}");

        // then
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("duplicates").asInt()).isEqualTo(1);
        assertThat(rows(card)).isEqualTo(2);
    }

    @Test
    @DisplayName("Should take the same instant written with another offset for the same event")
    void readsTheTimestampAsAnInstant() {
        // given
        String card = UUID.randomUUID().toString();
        new Http(port).post(FEEDBACK, "{\"feedback\":[" + accepted(card) + "]}");

        // when: 10:15Z again, as 12:15+02:00
        Http.Answer again = new Http(port)
                .post(FEEDBACK, "{\"feedback\":[" + accepted(card).replace("10:15:00Z", "12:15:00+02:00") + "]}");

        // then
        assertThat(again.json().get("duplicates").asInt()).isEqualTo(1);
        assertThat(rows(card)).isEqualTo(1);
    }

    @Test
    @DisplayName("Should store a later override of the same card, at another visit or for another reason")
    void storesEveryDistinctEvent() {
        // given: one override stored
        String card = UUID.randomUUID().toString();
        new Http(port).post(FEEDBACK, "{\"feedback\":[" + overridden(card) + "]}");

        // when: the same card overridden at a later visit, and with another reason at the same time
        Http.Answer laterVisit = new Http(port)
                .post(
                        FEEDBACK,
                        "{\"feedback\":[" + overridden(card).replace("2025-06-01T10:16", "2025-07-01T09:00") + "]}");
        Http.Answer otherReason = new Http(port)
                .post(
                        FEEDBACK,
                        "{\"feedback\":[" + overridden(card).replace("patient-refuses", "action-completed") + "]}");

        // then
        assertThat(laterVisit.json().get("stored").asInt()).isEqualTo(1);
        assertThat(otherReason.json().get("stored").asInt()).isEqualTo(1);
        assertThat(rows(card)).isEqualTo(3);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "no wrapper content | {\"feedback\":[]} | feedback must be a non-empty array",
                "no card | {\"feedback\":[{\"outcome\":\"overridden\",\"outcomeTimestamp\":\"2025-06-01T10:00:00Z\"}]} | feedback[0].card is required",
                "unknown outcome | {\"feedback\":[{\"card\":\"c\",\"outcome\":\"ignored\",\"outcomeTimestamp\":\"2025-06-01T10:00:00Z\"}]} | outcome must be accepted or overridden",
                "accepted without suggestions | {\"feedback\":[{\"card\":\"c\",\"outcome\":\"accepted\",\"outcomeTimestamp\":\"2025-06-01T10:00:00Z\"}]} | acceptedSuggestions is required",
                "bad timestamp | {\"feedback\":[{\"card\":\"c\",\"outcome\":\"overridden\",\"outcomeTimestamp\":\"yesterday\"}]} | outcomeTimestamp must be an ISO 8601",
                "reason without a code | {\"feedback\":[{\"card\":\"c\",\"outcome\":\"overridden\",\"overrideReason\":{\"reason\":{\"system\":\"s\"}},\"outcomeTimestamp\":\"2025-06-01T10:00:00Z\"}]} | overrideReason.reason must be a Coding with a code",
                "reason system not a string | {\"feedback\":[{\"card\":\"c\",\"outcome\":\"overridden\",\"overrideReason\":{\"reason\":{\"system\":1,\"code\":\"x\"}},\"outcomeTimestamp\":\"2025-06-01T10:00:00Z\"}]} | overrideReason.reason.system must be a string"
            })
    @DisplayName("Should answer 400 and store nothing for malformed feedback")
    void rejectsMalformedFeedback(String name, String body, String message) {
        // given
        int before = jdbc.queryForObject("select count(*) from feedback", Integer.class);

        // when
        Http.Answer answer = new Http(port).post(FEEDBACK, body);

        // then
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("message").asText()).contains(message);
        assertThat(jdbc.queryForObject("select count(*) from feedback", Integer.class))
                .isEqualTo(before);
    }

    @Test
    @DisplayName("Should store nothing of a request whose second record is malformed")
    void storesNothingOfAPartlyMalformedRequest() {
        // given
        String card = UUID.randomUUID().toString();

        // when
        Http.Answer answer = new Http(port).post(FEEDBACK, "{\"feedback\":[" + accepted(card) + ",{\"card\":1}]}");

        // then
        assertThat(answer.status()).isEqualTo(400);
        assertThat(rows(card)).isZero();
    }

    @Test
    @DisplayName("Should answer 404 for feedback to an unknown service")
    void answers404ForUnknownService() {
        // when
        Http.Answer answer =
                new Http(port).post("/cds-services/nope/feedback", "{\"feedback\":[" + accepted("x") + "]}");

        // then
        assertThat(answer.status()).isEqualTo(404);
    }
}
