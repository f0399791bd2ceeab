package org.rplcds.rules;

import java.math.BigDecimal;
import java.util.Map;

/**
 * Laboratory and clinical limits the rules compare against. Where the lab reports a reference
 * range in the same unit, the range wins over these defaults.
 *
 * @param tshUpper TSH upper limit outside pregnancy, mIU/L
 * @param tshPregnantUpper TSH upper limit in pregnancy, mIU/L
 * @param tshTpoTreat TSH above which a TPO-positive woman may be offered levothyroxine, mIU/L
 * @param tshOvert TSH at or above which hypothyroidism is treated as overt, mIU/L
 * @param ft4Low free T4 lower limit, ng/dL
 * @param ft4High free T4 upper limit, ng/dL
 * @param tpoPositive TPO antibodies above which the result is positive, IU/mL
 * @param thyroidTestMonths a TSH older than this no longer counts as tested
 * @param aclPositive anticardiolipin IgG/IgM above which the result is positive, GPL/MPL
 * @param aplRepeatWeeks weeks between two positive aPL tests that confirm persistence
 * @param hba1cTarget HbA1c target outside pregnancy, %
 * @param hba1cPregnantTarget HbA1c target in pregnancy, %
 * @param hba1cMaxAgeDays an HbA1c older than this is missing, outside pregnancy
 * @param hba1cPregnantMaxAgeDays an HbA1c older than this is missing, in pregnancy
 * @param hbNonPregnant anaemia below this outside pregnancy, g/dL
 * @param hbFirstThirdTrimester anaemia below this in the first and third trimesters, g/dL
 * @param hbSecondTrimester anaemia below this in the second trimester, g/dL
 * @param hbSevere severe anaemia below this, g/dL
 * @param hbMaxAgeDays a haemoglobin older than this is not read
 * @param shortCervixMm a cervical length below this is short, mm
 * @param cervicalLengthMaxAgeDays a cervical length older than this is due again
 * @param prolactinUpper prolactin upper limit when the lab gives none, ng/mL
 * @param auditCPositive AUDIT-C score at or above which alcohol use is risky
 * @param bmiHigh BMI at or above which weight is a modifiable risk, kg/m2
 * @param bmiLow BMI below which weight is a modifiable risk, kg/m2
 * @param feverWindowHours a temperature or fever diagnosis this recent counts
 * @param bleedingWindowDays a bleeding diagnosis with onset this recent counts, even if inactive
 * @param counsellingWindowDays lifestyle counselling this recent suppresses the card
 */
public record Thresholds(
        BigDecimal tshUpper,
        BigDecimal tshPregnantUpper,
        BigDecimal tshTpoTreat,
        BigDecimal tshOvert,
        BigDecimal ft4Low,
        BigDecimal ft4High,
        BigDecimal tpoPositive,
        int thyroidTestMonths,
        BigDecimal aclPositive,
        int aplRepeatWeeks,
        BigDecimal hba1cTarget,
        BigDecimal hba1cPregnantTarget,
        int hba1cMaxAgeDays,
        int hba1cPregnantMaxAgeDays,
        BigDecimal hbNonPregnant,
        BigDecimal hbFirstThirdTrimester,
        BigDecimal hbSecondTrimester,
        BigDecimal hbSevere,
        int hbMaxAgeDays,
        BigDecimal shortCervixMm,
        int cervicalLengthMaxAgeDays,
        BigDecimal prolactinUpper,
        int auditCPositive,
        BigDecimal bmiHigh,
        BigDecimal bmiLow,
        int feverWindowHours,
        int bleedingWindowDays,
        int counsellingWindowDays) {

    public static final Thresholds DEFAULTS = new Thresholds(
            new BigDecimal("4.0"),
            new BigDecimal("4.0"),
            new BigDecimal("2.5"),
            new BigDecimal("10.0"),
            new BigDecimal("0.8"),
            new BigDecimal("1.8"),
            new BigDecimal("35"),
            12,
            new BigDecimal("40"),
            12,
            new BigDecimal("6.5"),
            new BigDecimal("6.0"),
            180,
            90,
            new BigDecimal("12.0"),
            new BigDecimal("11.0"),
            new BigDecimal("10.5"),
            new BigDecimal("7.0"),
            30,
            new BigDecimal("25"),
            14,
            new BigDecimal("25"),
            3,
            new BigDecimal("30"),
            new BigDecimal("18.5"),
            48,
            7,
            90);

    /** These thresholds with some replaced, by kebab-case name ({@code tsh-upper: 4.5}). */
    public Thresholds with(Map<String, String> overrides) {
        return Overrides.apply(this, overrides);
    }
}
