package org.rplcds.hooks;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.rplcds.CdsSettings;
import org.rplcds.cards.CardWriter;
import org.rplcds.cards.OverrideReason;
import org.rplcds.feedback.CardOverride;
import org.rplcds.feedback.FeedbackService;
import org.rplcds.rules.Finding;
import org.rplcds.rules.Indicator;
import org.springframework.stereotype.Component;

/**
 * A card a clinician overrode as already done ({@code action-completed}) stays away for
 * {@code cds.ui.snooze-days}, counted in whole days from the day of the override. A card's uuid is
 * stable per patient, rule and variant, so the feedback that names it names this patient's card;
 * a card that changes (a test done, a warning instead of a reminder) is another card and shows.
 * The reason is read from the stored code and system: {@code action-completed} of the CDS Hooks
 * non-adherence reason codes, or that code sent without a system. A filter on findings: a snoozed
 * finding is never written as a card; a critical one is never snoozed.
 */
@Component
class Snooze {

    private final CdsSettings.Ui ui;
    private final FeedbackService feedback;
    private final CardWriter cards;

    Snooze(CdsSettings.Ui ui, FeedbackService feedback, CardWriter cards) {
        this.ui = ui;
        this.feedback = feedback;
        this.cards = cards;
    }

    /** The findings whose cards are not snoozed on {@code today}; all of them when snoozing is off. */
    List<Finding> shown(String serviceId, String patientId, LocalDate today, List<Finding> findings) {
        if (ui.snoozeDays() == 0 || findings.isEmpty()) {
            return findings;
        }
        Instant since = today.minusDays(ui.snoozeDays()).atStartOfDay().toInstant(ZoneOffset.UTC);
        // Overrides after the evaluation day are not yet made on it (a pinned evaluation date).
        Instant until = today.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        List<String> uuids =
                findings.stream().map(f -> cards.uuid(patientId, f)).toList();
        Set<String> snoozed = feedback.overrides(serviceId, uuids, since, until).stream()
                .filter(o -> OverrideReason.of(o.system(), o.code()).orElse(null) == OverrideReason.ACTION_COMPLETED)
                .map(CardOverride::card)
                .collect(Collectors.toSet());
        if (snoozed.isEmpty()) {
            return findings;
        }
        // A critical card is never snoozed: a clinician's earlier override does not outlast the danger.
        return findings.stream()
                .filter(f -> f.indicator() == Indicator.CRITICAL || !snoozed.contains(cards.uuid(patientId, f)))
                .toList();
    }
}
