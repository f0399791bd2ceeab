package org.rplcds.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
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
 * Snoozing through the running service's feedback endpoint and store: the override is posted over
 * HTTP, the hook evaluated with snooze days and evaluation dates of the test's choosing.
 */
@CdsServiceTest
@DisplayName("Snoozing overridden cards (cds.ui.snooze-days, cds.ui.snooze-days-by-reason)")
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

    /** The service as configured, with snoozing of that many days for every reason, on that date. */
    List<CardJson> cardsOn(LocalDate date, int snoozeDays) throws IOException {
        return cardsOn(REQUEST, date, new CdsSettings.Ui(true, Presentation.UnitSystem.CONVENTIONAL, snoozeDays));
    }

    /**
     * The card of {@link #REQUEST} for a patient of its own (card uuids are per patient, so no other
     * test's feedback names it), with snoozing of that many days and those days by reason, on that
     * date.
     */
    List<CardJson> cardsOn(String patient, LocalDate date, int snoozeDays, Map<String, Integer> byReason)
            throws IOException {
        String request = Files.readString(REQUEST).replace("rpl04-eshre-in", patient);
        return cardsOn(
                HookRequests.JSON.readTree(request),
                date,
                new CdsSettings.Ui(true, Presentation.UnitSystem.CONVENTIONAL, snoozeDays, byReason));
    }

    /** The service's answer to that request, with those settings, on that date. */
    List<CardJson> cardsOn(Path example, LocalDate date, CdsSettings.Ui ui) throws IOException {
        return cardsOn(HookRequests.JSON.readTree(example.toFile()), date, ui);
    }

    List<CardJson> cardsOn(JsonNode request, LocalDate date, CdsSettings.Ui ui) {
        EvaluationDate on = new EvaluationDate(clock, Optional.of(date));
        Snooze snooze = new Snooze(ui, feedback, cards);
        return services.with(pipeline.on(on, snooze))
                .call("recurrent-miscarriage", request)
                .cards();
    }

    List<CardJson> cardsOn(Path example, LocalDate date, int snoozeDays) throws IOException {
        return cardsOn(example, date, new CdsSettings.Ui(true, Presentation.UnitSystem.CONVENTIONAL, snoozeDays));
    }

    /** Feedback overriding the card with a reason whose coding is given as JSON members. */
    void overrideWith(String card, String coding, String when) {
        Http.Answer answer = new Http(port)
                .post(
                        FEEDBACK,
                        "{\"feedback\":[{\"card\":\"" + card + "\",\"outcome\":\"overridden\",\"overrideReason\":"
                                + "{\"reason\":{" + coding + "}},\"outcomeTimestamp\":\"" + when + "\"}]}");
        assertThat(answer.status()).isEqualTo(200);
    }

    /** Feedback overriding the card with one of the reasons it offers. */
    void override(String card, String reason, String when) {
        overrideWith(card, "\"system\":\"" + OverrideReason.SYSTEM + "\",\"code\":\"" + reason + "\"", when);
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
    @DisplayName("Should keep a card overridden as already done away for the window, then show it again")
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

    @Nested
    @DisplayName("by reason")
    class ByReason {

        @Test
        @DisplayName("Should keep a card away for its reason's days, when snoozing is otherwise off")
        void reasonDaysWhenOtherwiseOff() throws IOException {
            // given snoozing off but for "already done", 30 days; the card overridden on 2025-06-03
            Map<String, Integer> byReason = Map.of(DONE, 30);
            LocalDate seen = LocalDate.of(2025, 6, 3);
            CardJson card = cardsOn("done-30", seen, 0, byReason).get(0);
            override(card.uuid(), DONE, "2025-06-03T09:00:00Z");

            // when
            List<CardJson> lastDay = cardsOn("done-30", seen.plusDays(30), 0, byReason);
            List<CardJson> after = cardsOn("done-30", seen.plusDays(31), 0, byReason);

            // then
            assertThat(lastDay).extracting(CardJson::uuid).doesNotContain(card.uuid());
            assertThat(after).extracting(CardJson::uuid).contains(card.uuid());
        }

        @Test
        @DisplayName("Should keep showing a card overridden for a reason the settings do not snooze")
        void reasonNotSnoozed() throws IOException {
            // given 30 days for "already done" alone; the card overridden as patient declined
            Map<String, Integer> byReason = Map.of(DONE, 30);
            LocalDate seen = LocalDate.of(2025, 6, 3);
            CardJson card = cardsOn("declined-off", seen, 0, byReason).get(0);
            override(card.uuid(), OverrideReason.PATIENT_REFUSES.code(), "2025-06-03T09:00:00Z");

            // when
            List<CardJson> nextDay = cardsOn("declined-off", seen.plusDays(1), 0, byReason);

            // then
            assertThat(nextDay).extracting(CardJson::uuid).contains(card.uuid());
        }

        @Test
        @DisplayName("Should keep a card away for a listed reason's own days, shorter than cds.ui.snooze-days")
        void listedReasonsOwnDays() throws IOException {
            // given 7 days by default, 2 for patient declined
            Map<String, Integer> byReason = Map.of(OverrideReason.PATIENT_REFUSES.code(), 2);
            LocalDate seen = LocalDate.of(2025, 6, 3);
            CardJson card = cardsOn("declined-2", seen, 7, byReason).get(0);
            override(card.uuid(), OverrideReason.PATIENT_REFUSES.code(), "2025-06-03T09:00:00Z");

            // when
            List<CardJson> secondDay = cardsOn("declined-2", seen.plusDays(2), 7, byReason);
            List<CardJson> thirdDay = cardsOn("declined-2", seen.plusDays(3), 7, byReason);

            // then
            assertThat(secondDay).extracting(CardJson::uuid).doesNotContain(card.uuid());
            assertThat(thirdDay).extracting(CardJson::uuid).contains(card.uuid());
        }

        @Test
        @DisplayName("Should keep a card overridden as already ordered away for cds.ui.snooze-days when not listed")
        void plainSettingIsTheDefault() throws IOException {
            // given 7 days by default, 2 for patient declined; the card overridden as already ordered
            Map<String, Integer> byReason = Map.of(OverrideReason.PATIENT_REFUSES.code(), 2);
            LocalDate seen = LocalDate.of(2025, 6, 3);
            CardJson card = cardsOn("ordered-7", seen, 7, byReason).get(0);
            override(card.uuid(), OverrideReason.INDICATION_ORDER_EXISTS.code(), "2025-06-03T09:00:00Z");

            // when
            List<CardJson> seventhDay = cardsOn("ordered-7", seen.plusDays(7), 7, byReason);
            List<CardJson> eighthDay = cardsOn("ordered-7", seen.plusDays(8), 7, byReason);

            // then
            assertThat(seventhDay).extracting(CardJson::uuid).doesNotContain(card.uuid());
            assertThat(eighthDay).extracting(CardJson::uuid).contains(card.uuid());
        }

        @Test
        @DisplayName("Should keep showing a card overridden as not applicable when only cds.ui.snooze-days is set")
        void disagreementIsNotSnoozedByDefault() throws IOException {
            // given 7 days by default and nothing listed; the card overridden as not applicable
            LocalDate seen = LocalDate.of(2025, 6, 3);
            CardJson card = cardsOn("not-applicable-7", seen, 7, Map.of()).get(0);
            override(card.uuid(), OverrideReason.CDS_NOT_APPLICABLE.code(), "2025-06-03T09:00:00Z");

            // when
            List<CardJson> nextDay = cardsOn("not-applicable-7", seen.plusDays(1), 7, Map.of());

            // then: a clinician who disagreed is not the same as a matter addressed
            assertThat(nextDay).extracting(CardJson::uuid).contains(card.uuid());
        }
    }

    @Nested
    @DisplayName("a reason the card did not offer")
    class NotOffered {

        /** Whether the patient's card, overridden with that coding on 2025-06-03, shows the next day. */
        boolean shownNextDay(String patient, String coding) throws IOException {
            LocalDate seen = LocalDate.of(2025, 6, 3);
            CardJson card = cardsOn(patient, seen, 7, Map.of()).get(0);
            overrideWith(card.uuid(), coding, "2025-06-03T09:00:00Z");
            return cardsOn(patient, seen.plusDays(1), 7, Map.of()).stream()
                    .anyMatch(c -> c.uuid().equals(card.uuid()));
        }

        @Test
        @DisplayName("Should keep showing a card overridden for a reason of the client's own")
        void clientsOwnReason() throws IOException {
            // given a client's own code system, whose code happens to be spelled like an offered one
            String coding = "\"system\":\"urn:example:ehr-reasons\",\"code\":\"" + DONE + "\"";

            // when, then
            assertThat(shownNextDay("own-reason", coding)).isTrue();
        }

        @Test
        @DisplayName("Should keep showing a card overridden with the former already-addressed code")
        void formerCode() throws IOException {
            // given the code the cards offered before the CDS Hooks reasons, in its former system
            String coding = "\"system\":\"http://recurrent-miscarriage-cds.org/fhir/CodeSystem/override-reason\","
                    + "\"code\":\"already-addressed\"";

            // when, then
            assertThat(shownNextDay("former-code", coding)).isTrue();
        }

        @Test
        @DisplayName("Should take an offered code sent without a system as that reason")
        void codeWithoutSystem() throws IOException {
            // given
            String coding = "\"code\":\"" + DONE + "\"";

            // when, then
            assertThat(shownNextDay("bare-code", coding)).isFalse();
        }
    }
}
