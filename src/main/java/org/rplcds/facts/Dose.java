package org.rplcds.facts;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.Dosage;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Timing;

/**
 * How much of a medicine a prescription gives, as far as the record says: the structured dose of
 * its first dosage instruction (FHIR R4 {@code Dosage.doseAndRate.doseQuantity}, {@code
 * Dosage.timing.repeat}), else what its dosage text spells ("40 mg once daily", "5000 units bd").
 *
 * @param amount one dose, in {@code unit}; empty when not recorded
 * @param unit the unit of one dose, lower case ({@code mg}, {@code units}, {@code mg/kg}); empty when unknown
 * @param perDay doses a day; empty when not recorded
 * @param route the route in words, lower case ({@code subcutaneous}); empty when not recorded
 * @param text the dosage as written, for the card to quote; empty when there is none
 */
public record Dose(Optional<BigDecimal> amount, String unit, Optional<BigDecimal> perDay, String route, String text) {

    public static final Dose UNKNOWN = new Dose(Optional.empty(), "", Optional.empty(), "", "");

    private static final Pattern AMOUNT = Pattern.compile(
            "(\\d+(?:[.,]\\d+)*)\\s*(mg/kg|mg|micrograms?|mcg|units?|iu|u)\\b", Pattern.CASE_INSENSITIVE);

    /** Doses a day as prescriptions write them; the first that matches wins. */
    private static final List<Pattern> FREQUENCIES = List.of(
            Pattern.compile(
                    "\\b(?:once (?:a )?daily|once a day|daily|every day|od|qd|q24h|every 24 hours|at night|nocte)\\b"),
            Pattern.compile("\\b(?:twice (?:a )?daily|twice a day|bd|bid|q12h|every 12 hours|12[- ]hourly)\\b"),
            Pattern.compile(
                    "\\b(?:three times (?:a )?daily|three times a day|tds|tid|q8h|every 8 hours|8[- ]hourly)\\b"));

    /** Routes written in a dosage's text, as whole words. */
    private static final Pattern SUBCUTANEOUS = Pattern.compile(".*\\b(?:sc|s/c|subcut|subcutaneous(?:ly)?)\\b.*");

    private static final Pattern INTRAVENOUS = Pattern.compile(".*\\b(?:iv|intravenous(?:ly)?)\\b.*");
    private static final Pattern ORAL = Pattern.compile(".*\\b(?:po|oral(?:ly)?|by mouth)\\b.*");

    /** The dose of the prescription's first dosage instruction; {@link #UNKNOWN} without one. */
    static Dose of(MedicationRequest request) {
        if (!request.hasDosageInstruction()) {
            return UNKNOWN;
        }
        Dosage dosage = request.getDosageInstructionFirstRep();
        String text = dosage.hasText() ? dosage.getText().strip() : "";
        String lower = text.toLowerCase(Locale.ROOT);
        Optional<BigDecimal> amount = Optional.empty();
        String unit = "";
        for (var doseAndRate : dosage.getDoseAndRate()) {
            if (doseAndRate.hasDoseQuantity() && doseAndRate.getDoseQuantity().hasValue()) {
                var quantity = doseAndRate.getDoseQuantity();
                amount = Optional.of(quantity.getValue());
                unit = unit(quantity.hasCode() ? quantity.getCode() : quantity.getUnit());
                break;
            }
        }
        if (amount.isEmpty()) {
            Matcher written = AMOUNT.matcher(text);
            if (written.find()) {
                amount = Optional.of(new BigDecimal(written.group(1).replace(",", "")));
                unit = unit(written.group(2));
            }
        }
        return new Dose(amount, unit, perDay(dosage.getTiming(), lower), route(dosage), text);
    }

    /** Whether the record gives both how much and how often. */
    public boolean known() {
        return amount.isPresent() && perDay.isPresent();
    }

    private static Optional<BigDecimal> perDay(Timing timing, String text) {
        if (timing.hasRepeat()) {
            Timing.TimingRepeatComponent repeat = timing.getRepeat();
            if (repeat.hasFrequency() && repeat.hasPeriod() && repeat.hasPeriodUnit()) {
                BigDecimal days =
                        switch (repeat.getPeriodUnit()) {
                            case H -> repeat.getPeriod().divide(BigDecimal.valueOf(24), MathContext.DECIMAL64);
                            case D -> repeat.getPeriod();
                            case WK -> repeat.getPeriod().multiply(BigDecimal.valueOf(7));
                            default -> null;
                        };
                if (days != null && days.signum() > 0) {
                    return Optional.of(BigDecimal.valueOf(repeat.getFrequency())
                            .divide(days, MathContext.DECIMAL64)
                            .stripTrailingZeros());
                }
            }
        }
        if (timing.hasCode()) {
            String code = timing.getCode().getCodingFirstRep().getCode();
            if (code != null) {
                switch (code.toUpperCase(Locale.ROOT)) {
                    case "QD", "QOD", "AM", "PM" -> {
                        return Optional.of(BigDecimal.ONE);
                    }
                    case "BID", "Q12H" -> {
                        return Optional.of(BigDecimal.valueOf(2));
                    }
                    case "TID", "Q8H" -> {
                        return Optional.of(BigDecimal.valueOf(3));
                    }
                    default -> {}
                }
            }
        }
        String words = text + " " + (timing.hasCode() ? timing.getCode().getText() : "");
        for (int i = 0; i < FREQUENCIES.size(); i++) {
            if (FREQUENCIES.get(i).matcher(words.toLowerCase(Locale.ROOT)).find()) {
                return Optional.of(BigDecimal.valueOf(i + 1L));
            }
        }
        return Optional.empty();
    }

    private static String route(Dosage dosage) {
        if (dosage.hasRoute()) {
            var route = dosage.getRoute();
            String words = route.hasText()
                    ? route.getText()
                    : route.getCodingFirstRep().getDisplay();
            if (words != null) {
                return words.toLowerCase(Locale.ROOT);
            }
        }
        String text = dosage.hasText() ? dosage.getText().toLowerCase(Locale.ROOT) : "";
        if (SUBCUTANEOUS.matcher(text).matches()) {
            return "subcutaneous";
        }
        if (INTRAVENOUS.matcher(text).matches()) {
            return "intravenous";
        }
        if (ORAL.matcher(text).matches()) {
            return "oral";
        }
        return "";
    }

    /** UCUM and written units, as one spelling: {@code mg}, {@code units}, {@code mg/kg}, {@code ug}. */
    private static String unit(String unit) {
        if (unit == null) {
            return "";
        }
        String u = unit.strip().toLowerCase(Locale.ROOT);
        return switch (u) {
            case "mg", "milligram", "milligrams" -> "mg";
            case "mg/kg" -> "mg/kg";
            case "u", "unit", "units", "iu", "[iu]", "[u]", "international unit", "international units" -> "units";
            case "ug", "mcg", "microgram", "micrograms" -> "ug";
            default -> u;
        };
    }
}
