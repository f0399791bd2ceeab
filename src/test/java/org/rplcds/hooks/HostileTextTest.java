package org.rplcds.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.rplcds.support.CdsServiceTest;
import org.rplcds.support.Fhir;
import org.rplcds.support.FhirOrders;
import org.rplcds.support.HookRequests;
import org.rplcds.support.Http;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Words from a record reach cards: a draft's {@code code.text} in the summary, labels and
 * descriptions, a resource id in the markdown detail. Whatever they hold, a plain-text field stays
 * one bounded line and the detail cannot be made into markup.
 */
@CdsServiceTest
@DisplayName("Hostile text from the record")
class HostileTextTest {

    static final String ATTACK = "NK cell assay\r\n<img src=x onerror=alert(1)>](javascript:alert(1))\u2028\u0007";

    @LocalServerPort
    int port;

    @Test
    @DisplayName("Should keep every plain-text field one line within its limit, and escape ids in the detail")
    void boundsAndEscapes() {
        // given a woman with two losses and an NK-cell draft whose words are hostile and a megabyte long
        ServiceRequest draft = FhirOrders.orderText(
                "x<img src=x onerror=alert(1)>",
                "p1",
                ServiceRequest.ServiceRequestStatus.DRAFT,
                ATTACK + "A".repeat(1_000_000),
                null);
        String request = HookRequests.orderSign("p1", draft)
                .prefetch(
                        Fhir.woman("p1", "1990-01-01"),
                        Fhir.condition("a", "p1", Fhir.SNOMED, "19169002", "2023-01-01"),
                        Fhir.condition("b<script>", "p1", Fhir.SNOMED, "19169002", "2024-01-01"))
                .json();

        // when
        Http.Answer answer = new Http(port).post("/cds-services/recurrent-miscarriage-order-sign", request);

        // then
        assertThat(answer.status()).isEqualTo(200);
        JsonNode cards = answer.json().get("cards");
        assertThat(cards).isNotEmpty();
        assertThat(answer.body().length()).isLessThan(100_000);
        for (JsonNode card : cards) {
            assertPlain(card.get("summary").asText(), 140);
            // Markdown reads an escaped bracket as a bracket: no tag, no link can be made of the record's words.
            assertThat(card.get("detail").asText())
                    .doesNotContainPattern("(?<!\\\\)[<>\\[\\]]")
                    .contains("\\<img src=x");
            for (JsonNode suggestion : card.path("suggestions")) {
                assertPlain(suggestion.get("label").asText(), 120);
                for (JsonNode action : suggestion.path("actions")) {
                    assertPlain(action.get("description").asText(), 240);
                }
            }
        }
    }

    static void assertPlain(String text, int max) {
        assertThat(text.length()).as(text).isLessThanOrEqualTo(max);
        assertThat(text.chars()).as(text).noneMatch(c -> Character.isISOControl(c) || c == '\u2028' || c == '\u2029');
    }
}
