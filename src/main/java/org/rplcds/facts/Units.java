package org.rplcds.facts;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;
import java.util.Optional;

/**
 * Converts a result to its analyte's unit (UCUM codes, and the spellings labs send). A unit not
 * known here gives no value: the result is then treated as missing, never compared.
 */
final class Units {

    private static final MathContext PRECISION = MathContext.DECIMAL64;

    private Units() {}

    static Optional<BigDecimal> normalise(Analyte analyte, BigDecimal value, String unit) {
        String u = unit == null
                ? ""
                : unit.trim().toLowerCase(Locale.ROOT).replace("µ", "u").replace("μ", "u");
        return switch (analyte) {
            case TSH -> switch (u) {
                case "m[iu]/l", "miu/l", "mu/l", "u[iu]/ml", "uiu/ml", "uu/ml", "mclu/ml", "micro[iu]/ml" -> Optional
                        .of(value);
                default -> Optional.empty();
            };
            case FREE_T4 -> switch (u) {
                case "ng/dl" -> Optional.of(value);
                case "pmol/l" -> Optional.of(value.divide(BigDecimal.valueOf(12.87), PRECISION));
                default -> Optional.empty();
            };
            case TPO_ANTIBODY -> switch (u) {
                case "[iu]/ml", "iu/ml", "k[iu]/l", "kiu/l", "u/ml" -> Optional.of(value);
                default -> Optional.empty();
            };
            case ANTICARDIOLIPIN_IGG, ANTICARDIOLIPIN_IGM, ANTICARDIOLIPIN_PANEL, BETA2_GLYCOPROTEIN -> switch (u) {
                case "[gpl'u]/ml",
                        "[mpl'u]/ml",
                        "gpl/ml",
                        "mpl/ml",
                        "gpl",
                        "mpl",
                        "gpl u/ml",
                        "mpl u/ml",
                        "u/ml",
                        "[arb'u]/ml",
                        "cu" -> Optional.of(value);
                default -> Optional.empty();
            };
            case HBA1C -> switch (u) {
                case "%", "% of total hgb", "%{hb}" -> Optional.of(value);
                case "mmol/mol" -> Optional.of(
                        value.multiply(BigDecimal.valueOf(0.0915)).add(BigDecimal.valueOf(2.15)));
                default -> Optional.empty();
            };
            case HAEMOGLOBIN -> switch (u) {
                case "g/dl" -> Optional.of(value);
                case "g/l" -> Optional.of(value.divide(BigDecimal.TEN, PRECISION));
                case "mmol/l" -> Optional.of(value.multiply(BigDecimal.valueOf(1.611)));
                default -> Optional.empty();
            };
            case BODY_TEMPERATURE -> switch (u) {
                case "cel", "°c", "c", "degc" -> Optional.of(value);
                case "[degf]", "°f", "f", "degf" -> Optional.of(value.subtract(BigDecimal.valueOf(32))
                        .multiply(BigDecimal.valueOf(5))
                        .divide(BigDecimal.valueOf(9), PRECISION));
                default -> Optional.empty();
            };
            case CERVICAL_LENGTH -> switch (u) {
                case "mm" -> Optional.of(value);
                case "cm" -> Optional.of(value.multiply(BigDecimal.TEN));
                default -> Optional.empty();
            };
            case PROLACTIN -> switch (u) {
                case "ng/ml", "ug/l" -> Optional.of(value);
                case "m[iu]/l", "miu/l", "mu/l" -> Optional.of(value.divide(BigDecimal.valueOf(21.2), PRECISION));
                default -> Optional.empty();
            };
            case FERRITIN -> switch (u) {
                case "ng/ml", "ug/l" -> Optional.of(value);
                default -> Optional.empty();
            };
            case BODY_WEIGHT -> switch (u) {
                case "kg" -> Optional.of(value);
                case "g" -> Optional.of(value.divide(BigDecimal.valueOf(1000), PRECISION));
                case "[lb_av]", "lb", "lbs" -> Optional.of(value.multiply(BigDecimal.valueOf(0.45359237)));
                default -> Optional.empty();
            };
            case BMI -> switch (u) {
                case "kg/m2", "kg/m^2", "kg/(m2)" -> Optional.of(value);
                default -> Optional.empty();
            };
                // Scores and counts carry no unit, or a UCUM annotation.
            case AUDIT_C, PRETERM_BIRTHS -> u.isEmpty() || u.startsWith("{") ? Optional.of(value) : Optional.empty();
            default -> Optional.empty();
        };
    }
}
