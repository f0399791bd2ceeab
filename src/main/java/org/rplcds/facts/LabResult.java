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
 *     shows it beside the value in the site's units
 * @param text the result in the record's words when it has no number: a karyotype ({@code
 *     46,XX}), a coded value's text, a report's conclusion
 */
public record LabResult(
        Analyte analyte,
        LocalDate date,
        Optional<BigDecimal> value,
        Optional<BigDecimal> low,
        Optional<BigDecimal> high,
        Interpretation interpretation,
        Evidence evidence,
        Optional<Recorded> recorded,
        Optional<String> text) {

    /** A result whose words are not kept: a number, or a coded value read for its interpretation. */
    public LabResult(
            Analyte analyte,
            LocalDate date,
            Optional<BigDecimal> value,
            Optional<BigDecimal> low,
            Optional<BigDecimal> high,
            Interpretation interpretation,
            Evidence evidence,
            Optional<Recorded> recorded) {
        this(analyte, date, value, low, high, interpretation, evidence, recorded, Optional.empty());
    }

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
        return analyte.label() + " " + shown() + " on " + date;
    }

    /**
     * What the result was, without the analyte's name or date: the value and unit, else positive
     * or negative, else the record's words ({@code 46,XX}, a report's conclusion), else how it was
     * interpreted, else {@code resulted}.
     */
    public String shown() {
        if (value.isPresent()) {
            return value.get().stripTrailingZeros().toPlainString()
                    + (analyte.unit().isEmpty() ? "" : " " + analyte.unit());
        }
        if (interpretation == Interpretation.POSITIVE || interpretation == Interpretation.NEGATIVE) {
            return interpretation.name().toLowerCase(java.util.Locale.ROOT);
        }
        if (text.filter(t -> !t.isBlank()).isPresent()) {
            return text.get().strip();
        }
        return interpretation == Interpretation.UNKNOWN
                ? "resulted"
                : interpretation.name().toLowerCase(java.util.Locale.ROOT);
    }
}
