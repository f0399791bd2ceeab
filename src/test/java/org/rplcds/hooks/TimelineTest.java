package org.rplcds.hooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rplcds.support.Fhir.womanWithLosses;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.rplcds.support.CdsServiceTest;
import org.rplcds.support.HookRequests;
import org.rplcds.support.Http;
import org.springframework.boot.test.web.server.LocalServerPort;

@CdsServiceTest
@DisplayName("Timeline endpoint for the viewer")
class TimelineTest {

    static final String TIMELINE = "/cds-services/recurrent-miscarriage/timeline";

    @LocalServerPort
    int port;

    @Test
    @DisplayName("Should lay out the losses and the patient's age from the same prefetch the hook reads")
    void laysOutTheLosses() {
        // given
        String request = HookRequests.patientView("t1")
                .prefetch(womanWithLosses("t1", "2023-01-01", "2022-01-01"))
                .json();

        // when
        Http.Answer answer = new Http(port).post(TIMELINE, request);

        // then
        assertThat(answer.status()).isEqualTo(200);
        JsonNode timeline = answer.json();
        assertThat(timeline.get("evaluationDate").asText()).isEqualTo("2025-06-01");
        assertThat(timeline.get("ageYears").asInt()).isEqualTo(35);
        assertThat(timeline.get("lossCount").asInt()).isEqualTo(2);
        assertThat(timeline.has("pregnancy")).isFalse();
        List<String> dates = new ArrayList<>();
        timeline.get("events")
                .forEach(e ->
                        dates.add(e.get("date").asText() + " " + e.get("kind").asText()));
        assertThat(dates).containsExactly("2022-01-01 spontaneous", "2023-01-01 spontaneous");
        assertThat(timeline.at("/events/0/references/0").asText()).isEqualTo("Condition/b");
    }

    @Test
    @DisplayName("Should answer a malformed request with 400 and a JSON reason, as the hook does")
    void refusesMalformedRequests() {
        Http.Answer answer = new Http(port).post(TIMELINE, "{\"hook\":\"patient-view\"}");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("error").asText()).isEqualTo("bad-request");
        assertThat(answer.json().get("message").asText()).contains("context");
    }

    @Test
    @DisplayName("Should answer 404 for an unknown service")
    void refusesUnknownServices() {
        Http.Answer answer = new Http(port)
                .post(
                        "/cds-services/no-such-service/timeline",
                        HookRequests.patientView("t1").json());

        assertThat(answer.status()).isEqualTo(404);
    }
}
