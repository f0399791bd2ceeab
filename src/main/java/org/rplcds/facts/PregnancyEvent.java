package org.rplcds.facts;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * One pregnancy outcome, after the codings of the same loss were merged.
 *
 * @param kind how the pregnancy ended
 * @param date the earliest date recorded for it
 * @param gestationalWeeks completed weeks at the end of the pregnancy, if known
 * @param secondTrimester whether the loss is known to have happened at 12 weeks or later
 * @param evidence the resources that record it
 */
public record PregnancyEvent(
        LossKind kind,
        Optional<LocalDate> date,
        Optional<Integer> gestationalWeeks,
        boolean secondTrimester,
        List<Evidence> evidence) {}
