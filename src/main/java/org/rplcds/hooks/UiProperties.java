package org.rplcds.hooks;

import org.rplcds.rules.Presentation;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the cards are shown (under {@code cds.ui.*}); none of these changes what is advised.
 *
 * @param aggregateWorkup one evaluation card for the RPL work-up (RPL-01, 02, 03, 05, 08), or a card
 *     each when false
 * @param units {@code conventional} (g/dL, %, ng/dL) or {@code si} (g/L, mmol/mol, pmol/L)
 * @param snoozeDays a card overridden as "already addressed" for a patient stays away this many
 *     days; 0 turns snoozing off
 */
@ConfigurationProperties(prefix = "cds.ui", ignoreUnknownFields = false)
record UiProperties(
        @DefaultValue("true") boolean aggregateWorkup,
        @DefaultValue("conventional") Presentation.UnitSystem units,
        @DefaultValue("0") int snoozeDays) {

    UiProperties {
        if (snoozeDays < 0) {
            throw new IllegalArgumentException("cds.ui.snooze-days must be 0 or more, is " + snoozeDays);
        }
    }

    Presentation presentation() {
        return new Presentation(aggregateWorkup, units);
    }
}
