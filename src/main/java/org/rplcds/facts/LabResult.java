package org.rplcds.facts;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Optional;

/**
 * One final result, normalised.
 *
 * @param analyte what was measured
 * @param date when the specimen was taken (or the result issued)
 * @param value the value in the analyte's unit; empty for coded results or unknown units
 * @param low the lab's lower reference limit, in the same unit, if given
 * @param high the lab's upper reference limit, in the same unit, if given
 * @param interpretation positive/negative, high/low, as far as the result says
 * @param evidence the Observation
 * @param recorded the value and unit as the record gives them, when the value was read; the card
 *     shows it beside a converted value (clinical rules §8 R9)
 */
public record LabResult(
        Analyte analyte,
        LocalDate date,
        Optional<BigDecimal> value,
        Optional<BigDecimal> low,
        Optional<BigDecimal> high,
        Interpretation interpretation,
        Evidence evidence,
        Optional<Recorded> recorded) {

    /**
     * A value as recorded, before conversion to the analyte's unit.
     *
     * @param value the number, at the precision the record gives it
     * @param unit the unit code or text the record gives it
     */
    public record Recorded(BigDecimal value, String unit) {}

    /** Whether the value was converted from another unit than the analyte's own. */
    public boolean converted() {
        return value.isPresent()
                && recorded.filter(r -> r.value().compareTo(value.get()) != 0).isPresent();
    }

    /** "TSH 6.1 mIU/L on 2025-05-01", for card details. */
    public String describe() {
        String shown = value.map(v ->
                        v.stripTrailingZeros().toPlainString() + (analyte.unit().isEmpty() ? "" : " " + analyte.unit()))
                .orElse(
                        interpretation == Interpretation.UNKNOWN
                                ? "resulted"
                                : interpretation.name().toLowerCase(java.util.Locale.ROOT));
        return analyte.label() + " " + shown + " on " + date;
    }
}
