package org.rplcds.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.rplcds.facts.Analyte;
import org.rplcds.facts.Evidence;
import org.rplcds.facts.Interpretation;
import org.rplcds.facts.LabResult;
import org.rplcds.rules.Presentation.UnitSystem;

@DisplayName("Quantities: values and thresholds as card text")
class QuantitiesTest {

    static final LocalDate DAY = LocalDate.of(2025, 5, 30);

    /** A result recorded as {@code recorded unit}, normalised to {@code normalised}. */
    static LabResult result(Analyte analyte, String normalised, String recorded, String unit) {
        return new LabResult(
                analyte,
                DAY,
                Optional.of(new BigDecimal(normalised)),
                Optional.empty(),
                Optional.empty(),
                Interpretation.UNKNOWN,
                new Evidence("Observation/x", analyte.label(), Optional.of(DAY)),
                Optional.of(new LabResult.Recorded(new BigDecimal(recorded), unit)));
    }

    @Nested
    @DisplayName("a temperature")
    class Temperature {

        @Test
        @DisplayName("Should show a temperature recorded in °F at 1 decimal in °C, with the recorded value and unit")
        void fahrenheit() {
            // given 101.5 °F, normalised to 38.61111 °C
            BigDecimal celsius = new BigDecimal("69.5")
                    .multiply(BigDecimal.valueOf(5))
                    .divide(BigDecimal.valueOf(9), MathContext.DECIMAL64);
            LabResult temperature = result(Analyte.BODY_TEMPERATURE, celsius.toPlainString(), "101.5", "[degF]");

            // when
            String shown = Quantities.value(temperature, UnitSystem.CONVENTIONAL);

            // then
            assertThat(shown).isEqualTo("38.6 °C (101.5 °F)");
        }

        @Test
        @DisplayName("Should show a temperature recorded in °C at 1 decimal, without a second unit")
        void celsius() {
            // given 38.0 °C recorded as 38
            LabResult temperature = result(Analyte.BODY_TEMPERATURE, "38", "38", "Cel");

            // when
            String shown = Quantities.value(temperature, UnitSystem.CONVENTIONAL);

            // then
            assertThat(shown).isEqualTo("38.0 °C");
        }
    }

    @Nested
    @DisplayName("a laboratory value")
    class Laboratory {

        @Test
        @DisplayName("Should show free T4 converted from pmol/L at 2 decimals, with the recorded value")
        void convertedFreeT4() {
            // given 14 pmol/L, normalised to 1.087801... ng/dL
            LabResult freeT4 = result(Analyte.FREE_T4, "1.087801087801088", "14", "pmol/L");

            // when
            String shown = Quantities.value(freeT4, UnitSystem.CONVENTIONAL);

            // then
            assertThat(shown).isEqualTo("1.09 ng/dL (14 pmol/L)");
        }

        @Test
        @DisplayName("Should show TSH at 1 to 2 decimals as recorded: 6 reads 6.0, 2.65 stays")
        void tshAsRecorded() {
            // given
            LabResult whole = result(Analyte.TSH, "6", "6", "mIU/L");
            LabResult two = result(Analyte.TSH, "2.65", "2.65", "mIU/L");
            LabResult three = result(Analyte.TSH, "2.655", "2.655", "mIU/L");

            // when / then
            assertThat(Quantities.value(whole, UnitSystem.CONVENTIONAL)).isEqualTo("6.0 mIU/L");
            assertThat(Quantities.value(two, UnitSystem.CONVENTIONAL)).isEqualTo("2.65 mIU/L");
            assertThat(Quantities.value(three, UnitSystem.CONVENTIONAL)).isEqualTo("2.66 mIU/L");
        }

        @Test
        @DisplayName("Should read a TSH in µIU/mL, the same quantity, as mIU/L without a second unit")
        void tshSameQuantity() {
            // given
            LabResult tsh = result(Analyte.TSH, "5", "5", "uIU/mL");

            // when
            String shown = Quantities.value(tsh, UnitSystem.CONVENTIONAL);

            // then
            assertThat(shown).isEqualTo("5.0 mIU/L");
        }

        @Test
        @DisplayName("Should describe a result with its label, value and date, as the detail lists it")
        void describes() {
            // given
            LabResult hb = result(Analyte.HAEMOGLOBIN, "10.4", "10.4", "g/dL");

            // when
            String line = Quantities.describe(hb, UnitSystem.CONVENTIONAL);

            // then
            assertThat(line).isEqualTo("haemoglobin 10.4 g/dL on 2025-05-30");
        }
    }

    @Nested
    @DisplayName("under cds.ui.units = si")
    class Si {

        @Test
        @DisplayName("Should show haemoglobin in g/L, converted, with the recorded g/dL")
        void haemoglobin() {
            // given
            LabResult hb = result(Analyte.HAEMOGLOBIN, "10.4", "10.4", "g/dL");

            // when
            String shown = Quantities.value(hb, UnitSystem.SI);

            // then
            assertThat(shown).isEqualTo("104.0 g/L (10.4 g/dL)");
        }

        @Test
        @DisplayName("Should show a free T4 recorded in pmol/L as recorded")
        void freeT4() {
            // given
            LabResult freeT4 = result(Analyte.FREE_T4, "1.087801087801088", "14", "pmol/L");

            // when
            String shown = Quantities.value(freeT4, UnitSystem.SI);

            // then
            assertThat(shown).isEqualTo("14 pmol/L");
        }

        @Test
        @DisplayName("Should give HbA1c in mmol/mol with the % beside it, whichever was recorded")
        void hba1cBothUnits() {
            // given 53 mmol/mol (7.0%), and 7.2%
            LabResult ifcc = result(Analyte.HBA1C, "7.0", "53", "mmol/mol");
            LabResult ngsp = result(Analyte.HBA1C, "7.2", "7.2", "%");

            // when / then
            assertThat(Quantities.bothUnits(ifcc)).isEqualTo("53 mmol/mol (7.0%)");
            assertThat(Quantities.bothUnits(ngsp)).isEqualTo("55 mmol/mol (7.2%)");
        }

        @Test
        @DisplayName("Should write thresholds in SI as the convention is written: 48 mmol/mol, 110 g/L")
        void thresholds() {
            // when / then
            assertThat(Quantities.threshold(Analyte.HBA1C, new BigDecimal("6.5"), UnitSystem.SI))
                    .isEqualTo("48 mmol/mol");
            assertThat(Quantities.threshold(Analyte.HAEMOGLOBIN, new BigDecimal("11.0"), UnitSystem.SI))
                    .isEqualTo("110 g/L");
        }
    }

    @Test
    @DisplayName("Should write a threshold with its unit at clinical precision: above 4.0 mIU/L, 38.5 °C, 6.5%")
    void thresholdsWithUnits() {
        // when / then
        assertThat(Quantities.threshold(Analyte.TSH, new BigDecimal("4"), UnitSystem.CONVENTIONAL))
                .isEqualTo("4.0 mIU/L");
        assertThat(Quantities.threshold(Analyte.BODY_TEMPERATURE, new BigDecimal("38.5"), UnitSystem.CONVENTIONAL))
                .isEqualTo("38.5 °C");
        assertThat(Quantities.threshold(Analyte.HBA1C, new BigDecimal("6.5"), UnitSystem.CONVENTIONAL))
                .isEqualTo("6.5%");
    }
}
