package org.rplcds.rules;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.rplcds.facts.Analyte;
import org.rplcds.facts.LabResult;
import org.rplcds.rules.Presentation.UnitSystem;

/**
 * Values and thresholds as card text, at clinical precision, in one place:
 * every rule, and the detail's results, write numbers through here.
 *
 * <ul>
 *   <li>temperature at 1 decimal in °C; a temperature recorded in °F keeps its recorded value
 *       beside it: {@code 38.6 °C (101.5 °F)};
 *   <li>TSH, free T4, haemoglobin, HbA1c and prolactin at 1 to 2 decimals, as recorded;
 *   <li>a value converted from the recorded unit at 2 decimals (trailing zeros dropped, at least
 *       1 kept), with the recorded value and unit: {@code free T4 1.09 ng/dL (14 pmol/L)};
 *   <li>a threshold with its unit: {@code 4.0 mIU/L};
 *   <li>{@code cds.ui.units} = si: haemoglobin in g/L, HbA1c in mmol/mol, free T4 in pmol/L;
 *   <li>HbA1c in both units, the percentage at 1 decimal and mmol/mol whole: {@code 7.5% (58
 *       mmol/mol)}, in SI {@code 58 mmol/mol (7.5%)}.
 * </ul>
 */
public final class Quantities {

    private static final MathContext PRECISION = MathContext.DECIMAL64;

    /** The factors from the analyte's own unit to its SI unit. */
    private static final BigDecimal FREE_T4_PMOL_PER_NG_DL = new BigDecimal("12.87");

    private static final BigDecimal HBA1C_SLOPE = new BigDecimal("0.0915");
    private static final BigDecimal HBA1C_INTERCEPT = new BigDecimal("2.15");

    /** UCUM codes and lab spellings as a clinician reads them. */
    private static final Map<String, String> UNIT_NAMES = Map.ofEntries(
            Map.entry("cel", "°C"),
            Map.entry("degc", "°C"),
            Map.entry("c", "°C"),
            Map.entry("[degf]", "°F"),
            Map.entry("degf", "°F"),
            Map.entry("f", "°F"),
            Map.entry("m[iu]/l", "mIU/L"),
            Map.entry("miu/l", "mIU/L"),
            Map.entry("mu/l", "mU/L"),
            Map.entry("u[iu]/ml", "µIU/mL"),
            Map.entry("uiu/ml", "µIU/mL"),
            Map.entry("ng/dl", "ng/dL"),
            Map.entry("pmol/l", "pmol/L"),
            Map.entry("g/dl", "g/dL"),
            Map.entry("g/l", "g/L"),
            Map.entry("mmol/l", "mmol/L"),
            Map.entry("mmol/mol", "mmol/mol"),
            Map.entry("%", "%"),
            Map.entry("ng/ml", "ng/mL"),
            Map.entry("ug/l", "µg/L"),
            Map.entry("mm", "mm"),
            Map.entry("cm", "cm"),
            Map.entry("kg/m2", "kg/m²"));

    private Quantities() {}

    /** The value with its unit, in the site's units: {@code 1.09 ng/dL (14 pmol/L)}. */
    public static String value(LabResult result, UnitSystem units) {
        BigDecimal value = result.value().orElseThrow();
        Analyte analyte = result.analyte();
        if (analyte == Analyte.HBA1C) {
            return hba1c(result, units);
        }
        Optional<LabResult.Recorded> recorded = result.recorded();
        Optional<BigDecimal> si = toSi(analyte, value);
        if (units == UnitSystem.SI && si.isPresent()) {
            String siUnit = siUnit(analyte);
            boolean recordedInSi =
                    recorded.filter(r -> siUnit.equals(unitName(r.unit()))).isPresent();
            if (recordedInSi) {
                return asRecorded(analyte, recorded.get().value()) + unit(siUnit);
            }
            return converted(si.get()) + unit(siUnit) + " (" + recorded(analyte, value, recorded) + ")";
        }
        if (result.converted()) {
            return shown(analyte, value, true) + unit(analyte.unit()) + " (" + recorded(analyte, value, recorded) + ")";
        }
        return shown(analyte, recorded.map(LabResult.Recorded::value).orElse(value), false) + unit(analyte.unit());
    }

    /** The analyte, value and date, as the detail lists a result: {@code TSH 6.0 mIU/L on 2025-05-01}. */
    public static String describe(LabResult result, UnitSystem units) {
        if (result.value().isEmpty()) {
            return result.describe();
        }
        return result.analyte().label() + " " + value(result, units) + " on " + result.date();
    }

    /**
     * A limit in the analyte's unit, in the site's units: {@code 4.0 mIU/L}, {@code 48 mmol/mol}. A
     * limit is a convention, not a measurement: in SI it reads as the convention is written, g/L
     * and mmol/mol in whole numbers, pmol/L at 1 decimal.
     */
    public static String threshold(Analyte analyte, BigDecimal limit, UnitSystem units) {
        Optional<BigDecimal> si = toSi(analyte, limit);
        if (units == UnitSystem.SI && si.isPresent()) {
            int decimals = analyte == Analyte.FREE_T4 ? 1 : 0;
            return si.get().setScale(decimals, RoundingMode.HALF_UP).toPlainString() + unit(siUnit(analyte));
        }
        return atScale(limit, minScale(analyte), maxScale(analyte)) + unit(analyte.unit());
    }

    /**
     * A value in the SI unit with the conventional figure beside it, whichever was recorded:
     * {@code 55 mmol/mol (7.19%)} (RPL-14's warning, with {@code cds.ui.units} = si).
     */
    public static String bothUnits(LabResult result) {
        BigDecimal value = result.value().orElseThrow();
        Analyte analyte = result.analyte();
        if (analyte == Analyte.HBA1C) {
            return hba1c(result, UnitSystem.SI);
        }
        Optional<BigDecimal> si = toSi(analyte, value);
        if (si.isEmpty()) {
            return value(result, UnitSystem.CONVENTIONAL);
        }
        String siUnit = siUnit(analyte);
        Optional<LabResult.Recorded> recorded = result.recorded();
        if (recorded.filter(r -> siUnit.equals(unitName(r.unit()))).isPresent()) {
            return asRecorded(analyte, recorded.get().value()) + unit(siUnit) + " (" + converted(value)
                    + unit(analyte.unit()) + ")";
        }
        return value(result, UnitSystem.SI);
    }

    /**
     * HbA1c as diabetes care writes it, in both units whichever was recorded: {@code 7.5% (58
     * mmol/mol)}; the site's unit first. A value recorded in mmol/mol keeps its own figure.
     */
    private static String hba1c(LabResult result, UnitSystem units) {
        BigDecimal percent = result.value().orElseThrow();
        BigDecimal mmol = result.recorded()
                .filter(r -> "mmol/mol".equals(unitName(r.unit())))
                .map(LabResult.Recorded::value)
                .orElseGet(() -> toSi(Analyte.HBA1C, percent).orElseThrow());
        String ngsp = percent.setScale(1, RoundingMode.HALF_UP).toPlainString() + "%";
        String ifcc = mmol.setScale(0, RoundingMode.HALF_UP).toPlainString() + " mmol/mol";
        return units == UnitSystem.SI ? ifcc + " (" + ngsp + ")" : ngsp + " (" + ifcc + ")";
    }

    /** A number at 1 to 2 decimals as given: 6 reads 6.0, 6.25 stays, 6.125 reads 6.13. */
    static String decimal(BigDecimal value) {
        return atScale(value, 1, 2);
    }

    /** A unit code or spelling as a clinician reads it: {@code [degF]} reads {@code °F}. */
    static String unitName(String unit) {
        String key = unit.trim().toLowerCase(Locale.ROOT).replace("µ", "u").replace("μ", "u");
        return UNIT_NAMES.getOrDefault(key, unit.trim());
    }

    private static String recorded(Analyte analyte, BigDecimal value, Optional<LabResult.Recorded> recorded) {
        return recorded.map(r -> asRecorded(analyte, r.value()) + unit(unitName(r.unit())))
                .orElse(shown(analyte, value, false) + unit(analyte.unit()));
    }

    /** The recorded figure as the record gives it, at most 2 decimals. */
    private static String asRecorded(Analyte analyte, BigDecimal value) {
        return atScale(value, 0, analyte == Analyte.BODY_TEMPERATURE ? 1 : 2);
    }

    private static String shown(Analyte analyte, BigDecimal value, boolean converted) {
        if (analyte == Analyte.BODY_TEMPERATURE) {
            return atScale(value, 1, 1);
        }
        if (converted) {
            return converted(value);
        }
        return atScale(value, minScale(analyte), maxScale(analyte));
    }

    /** A converted figure: 2 decimals, trailing zeros dropped down to 1. */
    private static String converted(BigDecimal value) {
        return atScale(value.setScale(2, RoundingMode.HALF_UP), 1, 2);
    }

    private static int minScale(Analyte analyte) {
        return switch (analyte) {
            case TSH, FREE_T4, HAEMOGLOBIN, HBA1C, PROLACTIN, BODY_TEMPERATURE, BMI -> 1;
            default -> 0;
        };
    }

    private static int maxScale(Analyte analyte) {
        return switch (analyte) {
            case BODY_TEMPERATURE, BMI, BODY_WEIGHT, CERVICAL_LENGTH -> 1;
            default -> 2;
        };
    }

    /** The value at its own decimals, held between min and max, rounded half up. */
    private static String atScale(BigDecimal value, int min, int max) {
        int own = Math.max(0, value.stripTrailingZeros().scale());
        return value.setScale(Math.max(min, Math.min(max, own)), RoundingMode.HALF_UP)
                .toPlainString();
    }

    private static String unit(String unit) {
        if (unit.isEmpty()) {
            return "";
        }
        return unit.equals("%") ? "%" : " " + unitName(unit);
    }

    private static String siUnit(Analyte analyte) {
        return switch (analyte) {
            case HAEMOGLOBIN -> "g/L";
            case HBA1C -> "mmol/mol";
            case FREE_T4 -> "pmol/L";
            default -> analyte.unit();
        };
    }

    /** The value in the SI unit cards show under {@code cds.ui.units} = si, for the analytes that have one. */
    private static Optional<BigDecimal> toSi(Analyte analyte, BigDecimal value) {
        return switch (analyte) {
            case HAEMOGLOBIN -> Optional.of(value.multiply(BigDecimal.TEN));
            case HBA1C -> Optional.of(value.subtract(HBA1C_INTERCEPT).divide(HBA1C_SLOPE, PRECISION));
            case FREE_T4 -> Optional.of(value.multiply(FREE_T4_PMOL_PER_NG_DL));
            default -> Optional.empty();
        };
    }
}
