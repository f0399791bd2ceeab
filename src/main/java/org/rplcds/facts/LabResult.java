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
 */
public record LabResult(
        Analyte analyte,
        LocalDate date,
        Optional<BigDecimal> value,
        Optional<BigDecimal> low,
        Optional<BigDecimal> high,
        Interpretation interpretation,
        Evidence evidence) {

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
