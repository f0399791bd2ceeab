package org.rplcds.rules;

import java.math.BigDecimal;

/**
 * Laboratory and clinical limits the rules compare against, configured by name in
 * {@code guideline-profiles.yml}. Where the lab reports a reference range in the same unit, the
 * range wins over these.
 *
 * @param tshUpper TSH upper limit outside pregnancy, mIU/L
 * @param tshPregnantUpper TSH upper limit in pregnancy, mIU/L
 * @param tshTpoTreat TSH above which a TPO-positive woman may be offered levothyroxine, mIU/L
 * @param tshOvert TSH at or above which hypothyroidism is treated as overt, mIU/L
 * @param ft4Low free T4 lower limit, ng/dL
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
 * @param lifestyleMaxAgeMonths a smoking status or AUDIT-C older than this is not read
 * @param bmiMaxAgeMonths a BMI older than this is not read
 * @param bmiPregnantBeforeDays in pregnancy, a BMI from this many days of gestation on is not read
 * @param feverWindowHours a temperature or fever diagnosis this recent counts
 * @param bleedingWindowDays a bleeding diagnosis with onset this recent counts, even if inactive
 */
public record Thresholds(
        BigDecimal tshUpper,
        BigDecimal tshPregnantUpper,
        BigDecimal tshTpoTreat,
        BigDecimal tshOvert,
        BigDecimal ft4Low,
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
        int lifestyleMaxAgeMonths,
        int bmiMaxAgeMonths,
        int bmiPregnantBeforeDays,
        int feverWindowHours,
        int bleedingWindowDays) {

    /** Every limit is required, and every count or window above zero: a missing one would silently change advice. */
    public Thresholds {
        Settings.present("tsh-upper", tshUpper);
        Settings.present("tsh-pregnant-upper", tshPregnantUpper);
        Settings.present("tsh-tpo-treat", tshTpoTreat);
        Settings.present("tsh-overt", tshOvert);
        Settings.present("ft4-low", ft4Low);
        Settings.present("tpo-positive", tpoPositive);
        Settings.positive("thyroid-test-months", thyroidTestMonths);
        Settings.present("acl-positive", aclPositive);
        Settings.positive("apl-repeat-weeks", aplRepeatWeeks);
        Settings.present("hba1c-target", hba1cTarget);
        Settings.present("hba1c-pregnant-target", hba1cPregnantTarget);
        Settings.positive("hba1c-max-age-days", hba1cMaxAgeDays);
        Settings.positive("hba1c-pregnant-max-age-days", hba1cPregnantMaxAgeDays);
        Settings.present("hb-non-pregnant", hbNonPregnant);
        Settings.present("hb-first-third-trimester", hbFirstThirdTrimester);
        Settings.present("hb-second-trimester", hbSecondTrimester);
        Settings.present("hb-severe", hbSevere);
        Settings.positive("hb-max-age-days", hbMaxAgeDays);
        Settings.present("short-cervix-mm", shortCervixMm);
        Settings.positive("cervical-length-max-age-days", cervicalLengthMaxAgeDays);
        Settings.present("prolactin-upper", prolactinUpper);
        Settings.positive("audit-cpositive", auditCPositive);
        Settings.present("bmi-high", bmiHigh);
        Settings.present("bmi-low", bmiLow);
        Settings.positive("lifestyle-max-age-months", lifestyleMaxAgeMonths);
        Settings.positive("bmi-max-age-months", bmiMaxAgeMonths);
        Settings.positive("bmi-pregnant-before-days", bmiPregnantBeforeDays);
        Settings.positive("fever-window-hours", feverWindowHours);
        Settings.positive("bleeding-window-days", bleedingWindowDays);
    }
}
