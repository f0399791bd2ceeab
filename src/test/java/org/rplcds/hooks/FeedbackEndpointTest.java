package org.rplcds.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
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
        return "{\"card\":\"" + card + "\",\"outcome\":\"overridden\",\"overrideReason\":{\"reason\":{\"system\":\""
                + NON_ADHERENCE
                + "\",\"code\":\"patient-refuses\"},\"userComment\":\"declined today\"},\"outcomeTimestamp\":\"2025-06-01T10:16:00+02:00\"}";
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
                "bad timestamp | {\"feedback\":[{\"card\":\"c\",\"outcome\":\"overridden\",\"outcomeTimestamp\":\"yesterday\"}]} | outcomeTimestamp must be an ISO 8601"
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
