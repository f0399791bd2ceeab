package org.rplcds.facts;

import java.util.List;
import java.util.Optional;

/**
 * Whether the patient is pregnant on the evaluation date, and how far along.
 *
 * @param pregnant an ongoing pregnancy is on record
 * @param gestationalAgeDays gestational age on the evaluation date, if it can be worked out
 * @param evidence the resources the conclusion rests on
 */
public record Pregnancy(boolean pregnant, Optional<Integer> gestationalAgeDays, List<Evidence> evidence) {

    public static Pregnancy none() {
        return new Pregnancy(false, Optional.empty(), List.of());
    }

    /** 1, 2 or 3 by the ACOG convention (second from 14+0, third from 28+0), if GA is known. */
    public Optional<Integer> trimester() {
        return gestationalAgeDays.map(days -> days < 14 * 7 ? 1 : days < 28 * 7 ? 2 : 3);
    }
}
