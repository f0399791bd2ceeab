package org.rplcds.facts;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Quantity;

/** Gestational age read from quantities and Z3A codes. */
final class Gestation {

    private static final Pattern TWO_DIGITS = Pattern.compile("\\d{2}");

    /** A gestational age outside this range is a data error and treated as unknown. */
    static final int MAX_DAYS = 45 * 7;

    private Gestation() {}

    /** Days from a quantity in weeks ({@code wk}) or days ({@code d}). */
    static Optional<Integer> days(Quantity quantity) {
        if (quantity == null || !quantity.hasValue()) {
            return Optional.empty();
        }
        String unit = quantity.hasCode() ? quantity.getCode() : quantity.getUnit();
        if (unit == null) {
            return Optional.empty();
        }
        BigDecimal value = quantity.getValue();
        int days =
                switch (unit.trim().toLowerCase(java.util.Locale.ROOT)) {
                    case "wk", "week", "weeks", "w" -> value.multiply(BigDecimal.valueOf(7))
                            .intValue();
                    case "d", "day", "days" -> value.intValue();
                    default -> -1;
                };
        return days >= 0 && days <= MAX_DAYS ? Optional.of(days) : Optional.empty();
    }

    /** Weeks from a Z3A code ({@code Z3A.13} is 13 weeks); Z3A.00 and Z3A.01 carry no number. */
    static Optional<Integer> weeksFromZ3a(Codes codes, CodeableConcept code) {
        for (Coding coding : codes.members(ValueSets.GESTATIONAL_WEEKS_CODE, code)) {
            String digits = CodeSystems.normalisedCode(CodeSystems.ICD10CM, coding.getCode())
                    .substring(3);
            if (TWO_DIGITS.matcher(digits).matches()) {
                int weeks = Integer.parseInt(digits);
                if (weeks >= 8 && weeks <= 45) {
                    return Optional.of(weeks);
                }
            }
        }
        return Optional.empty();
    }
}
