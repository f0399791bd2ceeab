package org.rplcds.hooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rplcds.support.HookRequests.SERVICE;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.rplcds.support.CdsServiceTest;
import org.rplcds.support.HookRequests;
import org.rplcds.support.Http;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Card uuids, which feedback refers to: stable per patient, rule and card variant. */
@CdsServiceTest
@DisplayName("Card uuids")
class CardUuidTest {

    @LocalServerPort
    int port;

    /** RPL-14 for a woman with diabetes: a warning for an HbA1c over target, a reminder for none. */
    static ObjectNode diabetes() throws IOException {
        return (ObjectNode)
                HookRequests.JSON.readTree(Path.of("hooks/examples/rpl-14-in-eshre-hba1c-6-6-percent.request.json")
                        .toFile());
    }

    JsonNode card(JsonNode request) {
        for (JsonNode card :
                new Http(port).post(SERVICE, request.toString()).json().get("cards")) {
            if ("RPL-14".equals(card.at("/source/topic/code").asText())) {
                return card;
            }
        }
        throw new AssertionError("no RPL-14 card");
    }

    @Test
    @DisplayName("Should keep the uuid when only a value in the card changes, and change it for another variant")
    void followsTheVariant() throws IOException {
        // given: the same patient with HbA1c 6.6%, then 7.9%, then with no HbA1c at all
        ObjectNode high = diabetes();
        ObjectNode higher = diabetes();
        ((ObjectNode) higher.at("/prefetch/observations/entry/0/resource/valueQuantity")).put("value", 7.9);
        ObjectNode none = diabetes();
        none.with("prefetch").putNull("observations");

        // when
        JsonNode warning = card(high);
        JsonNode sameWarning = card(higher);
        JsonNode reminder = card(none);

        // then
        assertThat(warning.get("indicator").asText()).isEqualTo("warning");
        assertThat(sameWarning.get("summary").asText())
                .isNotEqualTo(warning.get("summary").asText());
        assertThat(sameWarning.get("uuid").asText())
                .isEqualTo(warning.get("uuid").asText());
        assertThat(reminder.get("indicator").asText()).isEqualTo("info");
        assertThat(reminder.get("uuid").asText())
                .isNotEqualTo(warning.get("uuid").asText());
    }
}
