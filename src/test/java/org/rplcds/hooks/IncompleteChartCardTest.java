package org.rplcds.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.rplcds.support.FixedClock;
import org.rplcds.support.HookRequests;
import org.rplcds.support.Http;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

/** {@code cds.fallback.on-incomplete: card}: a chart that cannot be read is said, not silent. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.datasource.url=jdbc:h2:mem:cds-incomplete;DB_CLOSE_DELAY=-1",
            "cds.fallback.on-incomplete=card"
        })
@Import(FixedClock.class)
@DisplayName("A chart that cannot be read, answered with a card")
class IncompleteChartCardTest {

    @LocalServerPort
    int port;

    /** No prefetch and no fhirServer: nothing of the chart can be had. */
    final String unreadable = HookRequests.patientView("nobody").json();

    @Test
    @DisplayName("Should answer 200 with one info card saying the check was not done, without suggestions")
    void answersOneCard() {
        // when
        Http.Answer answer = new Http(port).post(HookRequests.SERVICE, unreadable);

        // then
        assertThat(answer.status()).isEqualTo(200);
        JsonNode card = answer.json().get("cards").get(0);
        assertThat(answer.json().get("cards")).hasSize(1);
        assertThat(card.get("summary").asText())
                .startsWith("Recurrent-miscarriage check not done: the chart could not be read (")
                .hasSizeLessThanOrEqualTo(140);
        assertThat(card.get("indicator").asText()).isEqualTo("info");
        assertThat(card.path("suggestions")).isEmpty();
        assertThat(card.at("/source/label").asText()).startsWith("CDS Hooks 2.0");
        assertThat(card.get("detail").asText())
                .contains("This is not an all-clear")
                .contains("**patient**");
    }

    @Test
    @DisplayName("Should keep the 412 of the viewer's timeline call, whose answer is no list of cards")
    void keepsTheTimelines412() {
        Http.Answer answer = new Http(port).post(HookRequests.SERVICE + "/timeline", unreadable);

        assertThat(answer.status()).isEqualTo(412);
        assertThat(answer.json().get("error").asText()).isEqualTo("missing-prefetch");
    }
}
