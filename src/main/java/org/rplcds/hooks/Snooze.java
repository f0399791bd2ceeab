package org.rplcds.hooks;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.rplcds.CdsSettings;
import org.rplcds.cards.CardWriter;
import org.rplcds.cards.OverrideReason;
import org.rplcds.feedback.CardOverride;
import org.rplcds.feedback.FeedbackService;
import org.rplcds.rules.Finding;
import org.rplcds.rules.Indicator;
import org.springframework.stereotype.Component;

/**
 * A card a clinician overrode for one of the reasons it offers stays away for that reason's days
 * ({@code cds.ui.snooze-days-by-reason.<code>}, else {@code cds.ui.snooze-days}), counted in whole
 * days from the day of the override. A card's uuid is stable per patient, rule and variant, so the
 * feedback that names it names this patient's card; a card that changes (a test done, a warning
 * instead of a reminder) is another card and shows. An offered code sent without a system counts
 * as that reason; an override without a reason, or with a reason of the client's own, snoozes
 * nothing: the service cannot tell what it means. A filter on findings: a snoozed finding is never
 * written as a card; a critical one is never snoozed.
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
        int longest = ui.longestSnooze();
        if (longest == 0 || findings.isEmpty()) {
            return findings;
        }
        Instant since = startOf(today.minusDays(longest));
        // Overrides after the evaluation day are not yet made on it (a pinned evaluation date).
        Instant until = startOf(today.plusDays(1));
        List<String> uuids =
                findings.stream().map(f -> cards.uuid(patientId, f)).toList();
        Set<String> snoozed = new HashSet<>();
        for (CardOverride override : feedback.overrides(serviceId, uuids, since, until)) {
            int days = OverrideReason.of(override.system(), override.code())
                    .map(ui::snoozeDays)
                    .orElse(0);
            if (days > 0 && !override.at().isBefore(startOf(today.minusDays(days)))) {
                snoozed.add(override.card());
            }
        }
        if (snoozed.isEmpty()) {
            return findings;
        }
        // A critical card is never snoozed: a clinician's earlier override does not outlast the danger.
        return findings.stream()
                .filter(f -> f.indicator() == Indicator.CRITICAL || !snoozed.contains(cards.uuid(patientId, f)))
                .toList();
    }

    private static Instant startOf(LocalDate day) {
        return day.atStartOfDay().toInstant(ZoneOffset.UTC);
    }
}
