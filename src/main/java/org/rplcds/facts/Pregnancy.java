package org.rplcds.facts;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Whether the patient is pregnant on the evaluation date, and how far along.
 *
 * @param pregnant an ongoing pregnancy is on record
 * @param gestationalAgeDays gestational age on the evaluation date, if it can be worked out
 * @param onset the earliest date the record shows this pregnancy, if dated
 * @param evidence the resources the conclusion rests on
 */
public record Pregnancy(
        boolean pregnant, Optional<Integer> gestationalAgeDays, Optional<LocalDate> onset, List<Evidence> evidence) {

    public static Pregnancy none() {
        return new Pregnancy(false, Optional.empty(), Optional.empty(), List.of());
    }

    /** The start of this pregnancy: from the gestational age if known, else the first record of it. */
    public Optional<LocalDate> start(LocalDate today) {
        if (gestationalAgeDays.isPresent()) {
            return Optional.of(today.minusDays(gestationalAgeDays.get()));
        }
        return onset;
    }

    /** "12+3 weeks", or "unknown gestation". */
    public String gestation() {
        return gestationalAgeDays.map(d -> (d / 7) + "+" + (d % 7) + " weeks").orElse("unknown gestation");
    }

    /** 1, 2 or 3 by the ACOG convention (second from 14+0, third from 28+0), if GA is known. */
    public Optional<Integer> trimester() {
        return gestationalAgeDays.map(days -> days < 14 * 7 ? 1 : days < 28 * 7 ? 2 : 3);
    }
}
