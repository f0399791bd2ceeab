package org.rplcds.hooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rplcds.support.HookRequests.SERVICE;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.rplcds.support.CdsServiceTest;
import org.rplcds.support.Http;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The cards of one hook call as the clinician reads them. */
@CdsServiceTest
@DisplayName("Cards of a hook call")
class CardOrderTest {

    /**
     * A pregnant woman with two losses and TSH 6 on the first day of this pregnancy: RPL-01, RPL-02
     * and RPL-05 remind (info), RPL-04 warns.
     */
    static final Path PREGNANT_WITH_HIGH_TSH =
            Path.of("hooks/examples/rpl-04-in-eshre-pregnant-rpl-tsh-6-first-day-of-this-pregnancy.request.json");

    @LocalServerPort
    int port;

    List<JsonNode> cards() throws IOException {
        Http.Answer answer = new Http(port).post(SERVICE, Files.readString(PREGNANT_WITH_HIGH_TSH));
        assertThat(answer.status()).isEqualTo(200);
        List<JsonNode> cards = new ArrayList<>();
        answer.json().get("cards").forEach(cards::add);
        return cards;
    }

    @Test
    @DisplayName("Should put the warning of a later rule before the reminders of earlier ones")
    void putsTheWarningFirst() throws IOException {
        // given: the pregnant woman with TSH 6

        // when
        List<JsonNode> cards = cards();

        // then
        assertThat(cards)
                .extracting(card -> card.get("indicator").asText() + " "
                        + card.at("/source/topic/code").asText())
                .containsExactly("warning RPL-04", "info RPL-01");
    }

    @Test
    @DisplayName(
            "Should list on every card, in its extension, the ids of the rules whose advice it holds, its own first")
    void listsTheRuleIdOfEveryCard() throws IOException {
        // given: the pregnant woman with TSH 6

        // when
        List<JsonNode> cards = cards();

        // then
        assertThat(cards).isNotEmpty().allSatisfy(card -> {
            List<String> rules = new ArrayList<>();
            card.at("/extension/org.rplcds.rules").forEach(rule -> rules.add(rule.asText()));
            assertThat(rules)
                    .as(card.at("/source/topic/code").asText())
                    .startsWith(card.at("/source/topic/code").asText());
        });
        // The evaluation card holds the antiphospholipid screening this woman has not had.
        assertThat(cards.get(1).at("/extension/org.rplcds.rules").toString()).isEqualTo("[\"RPL-01\",\"RPL-05\"]");
    }
}
