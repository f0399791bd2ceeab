package org.rplcds.hooks;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.rplcds.CdsSettings;
import org.rplcds.cards.CardJson;
import org.rplcds.cards.CardWriter;
import org.rplcds.cards.CardsResponseJson;
import org.rplcds.feedback.FeedbackService;
import org.rplcds.system.EvaluationDate;
import org.springframework.stereotype.Component;

/**
 * Clinical rules §8 R22: a card a clinician overrode as "already addressed" stays away for
 * {@code cds.ui.snooze-days}, counted in whole days from the day of the override. A card's uuid is
 * stable per patient, rule and variant, so the feedback that names it names this patient's card;
 * a card that changes (a test done, a warning instead of a reminder) is another card and shows.
 */
@Component
class Snooze {

    static final String ALREADY_ADDRESSED = "already-addressed";

    private final CdsSettings.Ui ui;
    private final FeedbackService feedback;
    private final EvaluationDate evaluationDate;

    Snooze(CdsSettings.Ui ui, FeedbackService feedback, EvaluationDate evaluationDate) {
        this.ui = ui;
        this.feedback = feedback;
        this.evaluationDate = evaluationDate;
    }

    /** The response without the cards that are snoozed; all of it when snoozing is off. */
    CardsResponseJson apply(String serviceId, CardsResponseJson response) {
        if (ui.snoozeDays() == 0 || response.cards().isEmpty()) {
            return response;
        }
        LocalDate today = evaluationDate.today();
        Instant since = today.minusDays(ui.snoozeDays()).atStartOfDay().toInstant(ZoneOffset.UTC);
        // Overrides after the evaluation day are not yet made on it (a pinned evaluation date).
        Instant until = today.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        List<String> uuids = response.cards().stream().map(CardJson::uuid).toList();
        Set<String> snoozed =
                feedback.overriddenWith(serviceId, uuids, since, until, CardWriter.OVERRIDE_SYSTEM, ALREADY_ADDRESSED);
        if (snoozed.isEmpty()) {
            return response;
        }
        return new CardsResponseJson(response.cards().stream()
                .filter(card -> !snoozed.contains(card.uuid()))
                .toList());
    }
}
