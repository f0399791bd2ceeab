package org.rplcds.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.rplcds.CdsSettings;
import org.rplcds.cards.CardJson;
import org.rplcds.cards.CardWriter;
import org.rplcds.cards.OverrideReason;
import org.rplcds.feedback.FeedbackService;
import org.rplcds.rules.Presentation;
import org.rplcds.support.CdsServiceTest;
import org.rplcds.support.HookRequests;
import org.rplcds.support.Http;
import org.rplcds.system.EvaluationDate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Clinical rules §8 R22 through the running service's feedback endpoint and store: the override is
 * posted over HTTP, the hook evaluated with {@code cds.ui.snooze-days} and evaluation dates of the
 * test's choosing.
 */
@CdsServiceTest
@DisplayName("Snoozing cards overridden as already done (cds.ui.snooze-days)")
class SnoozeTest {

    static final String FEEDBACK = "/cds-services/recurrent-miscarriage/feedback";
    static final Path REQUEST = Path.of("hooks/examples/rpl-04-in-eshre-tsh-4.1.request.json");
    static final String DONE = OverrideReason.ACTION_COMPLETED.code();

    @LocalServerPort
    int port;

    @Autowired
    CdsServiceRegistry services;

    @Autowired
    Pipeline pipeline;

    @Autowired
    FeedbackService feedback;

    @Autowired
    CardWriter cards;

    @Autowired
    Clock clock;

    /** The service as configured, with snoozing of that many days, on that date. */
    List<CardJson> cardsOn(LocalDate date, int snoozeDays) throws IOException {
        return cardsOn(REQUEST, date, snoozeDays);
    }

    /** The service's answer to that request, with snoozing of that many days, on that date. */
    List<CardJson> cardsOn(Path example, LocalDate date, int snoozeDays) throws IOException {
        EvaluationDate on = new EvaluationDate(clock, Optional.of(date));
        CdsSettings.Ui ui = new CdsSettings.Ui(true, Presentation.UnitSystem.CONVENTIONAL, snoozeDays);
        Snooze snooze = new Snooze(ui, feedback, cards);
        JsonNode request = HookRequests.JSON.readTree(example.toFile());
        return services.with(pipeline.on(on, snooze))
                .call("recurrent-miscarriage", request)
                .cards();
    }

    void override(String card, String reason, String when) {
        Http.Answer answer = new Http(port)
                .post(
                        FEEDBACK,
                        "{\"feedback\":[{\"card\":\"" + card + "\",\"outcome\":\"overridden\",\"overrideReason\":"
                                + "{\"reason\":{\"system\":\"" + OverrideReason.SYSTEM + "\",\"code\":\"" + reason
                                + "\"}},\"outcomeTimestamp\":\"" + when + "\"}]}");
        assertThat(answer.status()).isEqualTo(200);
    }

    /** The first card seen on a day, overridden for a reason at 09:00 that day. */
    CardJson firstOverridden(LocalDate seen, int snoozeDays, String reason) throws IOException {
        CardJson card = cardsOn(seen, snoozeDays).get(0);
        override(card.uuid(), reason, seen + "T09:00:00Z");
        return card;
    }

    static CardJson card(List<CardJson> cards, String rule) {
        return cards.stream()
                .filter(c -> c.source().topic().code().equals(rule))
                .findFirst()
                .orElseThrow();
    }

    @Test
    @DisplayName("Should keep an overridden card away for the window, then show it again")
    void staysAwayThenComesBack() throws IOException {
        // given the RPL-04 warning, seen on 2025-06-02 and overridden as already done that day
        LocalDate seen = LocalDate.of(2025, 6, 2);
        List<CardJson> before = cardsOn(seen, 7);
        CardJson warning = card(before, "RPL-04");
        override(warning.uuid(), DONE, "2025-06-02T10:15:00Z");

        // when
        List<CardJson> nextDay = cardsOn(seen.plusDays(1), 7);
        List<CardJson> lastDay = cardsOn(seen.plusDays(7), 7);
        List<CardJson> after = cardsOn(seen.plusDays(8), 7);

        // then
        assertThat(nextDay).extracting(CardJson::uuid).doesNotContain(warning.uuid());
        assertThat(lastDay).extracting(CardJson::uuid).doesNotContain(warning.uuid());
        assertThat(after).extracting(CardJson::uuid).contains(warning.uuid());
        assertThat(nextDay).hasSize(before.size() - 1);
    }

    @Test
    @DisplayName("Should never snooze a critical card")
    void criticalNeverSnoozed() throws IOException {
        // given the critical card for overt hypothyroidism at 9 weeks, overridden as already done
        Path overt = Path.of("hooks/examples/rpl-04-in-overt-9w.request.json");
        LocalDate seen = LocalDate.of(2025, 6, 1);
        CardJson critical = card(cardsOn(overt, seen, 7), "RPL-04");
        assertThat(critical.indicator()).isEqualTo("critical");
        override(critical.uuid(), DONE, "2025-06-01T09:00:00Z");

        // when
        List<CardJson> nextDay = cardsOn(overt, seen.plusDays(1), 7);

        // then
        assertThat(nextDay).extracting(CardJson::uuid).contains(critical.uuid());
    }

    @Test
    @DisplayName("Should keep showing a card overridden for another reason")
    void otherReasonsDoNotSnooze() throws IOException {
        // given
        LocalDate seen = LocalDate.of(2025, 7, 1);
        CardJson card = firstOverridden(seen, 7, OverrideReason.CDS_NOT_APPLICABLE.code());

        // when
        List<CardJson> nextDay = cardsOn(seen.plusDays(1), 7);

        // then
        assertThat(nextDay).extracting(CardJson::uuid).contains(card.uuid());
    }

    @Test
    @DisplayName("Should show every card when snoozing is off, the default")
    void offByDefault() throws IOException {
        // given
        LocalDate seen = LocalDate.of(2025, 8, 4);
        CardJson card = firstOverridden(seen, 0, DONE);

        // when: the same day, inside any window a snooze would open
        List<CardJson> sameDay = cardsOn(seen, 0);

        // then
        assertThat(sameDay).extracting(CardJson::uuid).contains(card.uuid());
    }
}
