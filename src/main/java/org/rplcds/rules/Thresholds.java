package org.rplcds.rules;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.math.BigDecimal;

/**
 * Laboratory and clinical limits the rules compare against, one group per clinical domain, each
 * configured under its own name in {@code guideline-profiles.yml} ({@code thresholds.thyroid.tsh-upper}).
 * Where the lab reports a reference range in the same unit, the range wins over these.
 *
 * <p>Every limit is required and every count or window is above zero: a missing one would silently
 * change advice. The annotations say so, and the service checks them when it binds the profile,
 * naming the setting by its YAML path. A new limit is one component here and one line in the YAML.
 *
 * @param thyroid TSH, free T4 and TPO antibodies (RPL-03, RPL-04)
 * @param apl antiphospholipid antibodies (RPL-05 to RPL-07)
 * @param diabetes HbA1c (RPL-14)
 * @param anaemia haemoglobin (RPL-18)
 * @param cervix cervical length (RPL-13)
 * @param prolactin prolactin (RPL-15)
 * @param lifestyle smoking, alcohol and weight (RPL-16)
 * @param fever temperature (RPL-17)
 * @param bleeding bleeding in pregnancy (RPL-10, RPL-11)
 * @param eligibility who gets cards at all
 * @param workup when the RPL evaluation waits for the end of a pregnancy
 */
public record Thresholds(
        @NotNull @Valid Thyroid thyroid,
        @NotNull @Valid Apl apl,
        @NotNull @Valid Diabetes diabetes,
        @NotNull @Valid Anaemia anaemia,
        @NotNull @Valid Cervix cervix,
        @NotNull @Valid Prolactin prolactin,
        @NotNull @Valid Lifestyle lifestyle,
        @NotNull @Valid Fever fever,
        @NotNull @Valid Bleeding bleeding,
        @NotNull @Valid Eligibility eligibility,
        @NotNull @Valid Workup workup) {

    /**
     * Thyroid limits (ATA 2017).
     *
     * @param tshUpper TSH upper limit outside pregnancy, mIU/L
     * @param tshPregnantUpper TSH upper limit in pregnancy, mIU/L
     * @param tshTpoTreat TSH above which a TPO-positive woman may be offered levothyroxine, mIU/L
     * @param tshOvert TSH at or above which hypothyroidism is treated as overt, mIU/L
     * @param ft4Low free T4 lower limit, ng/dL
     * @param tpoPositive TPO antibodies above which the result is positive, IU/mL
     * @param testMonths a TSH older than this no longer counts as tested
     * @param tshTargetFirstTrimester on levothyroxine in pregnancy, the TSH target before 14+0 weeks
     *     when the lab gives no range, mIU/L
     * @param tshTargetLater on levothyroxine in pregnancy, the TSH target from 14+0 weeks when the lab
     *     gives no range, mIU/L
     * @param confirmWeeks outside pregnancy, a second TSH above the limit this many weeks after the
     *     first confirms subclinical hypothyroidism
     */
    public record Thyroid(
            @NotNull BigDecimal tshUpper,
            @NotNull BigDecimal tshPregnantUpper,
            @NotNull BigDecimal tshTpoTreat,
            @NotNull BigDecimal tshOvert,
            @NotNull BigDecimal ft4Low,
            @NotNull BigDecimal tpoPositive,
            @Positive int testMonths,
            @NotNull BigDecimal tshTargetFirstTrimester,
            @NotNull BigDecimal tshTargetLater,
            @Positive int confirmWeeks) {}

    /**
     * Antiphospholipid antibody limits (Sydney 2006).
     *
     * @param aclPositive anticardiolipin IgG/IgM above which the result is positive, GPL/MPL
     * @param repeatWeeks weeks between two positive tests that confirm persistence
     */
    public record Apl(@NotNull BigDecimal aclPositive, @Positive int repeatWeeks) {}

    /**
     * HbA1c limits (ADA).
     *
     * @param hba1cTarget HbA1c target outside pregnancy, %
     * @param hba1cPregnantTarget HbA1c target in pregnancy, %
     * @param hba1cMaxAgeDays an HbA1c older than this is missing, outside pregnancy
     * @param hba1cPregnantMaxAgeDays an HbA1c older than this is missing, in pregnancy
     */
    public record Diabetes(
            @NotNull BigDecimal hba1cTarget,
            @NotNull BigDecimal hba1cPregnantTarget,
            @Positive int hba1cMaxAgeDays,
            @Positive int hba1cPregnantMaxAgeDays) {}

    /**
     * Haemoglobin limits (WHO).
     *
     * @param hbNonPregnant anaemia below this outside pregnancy, g/dL
     * @param hbFirstThirdTrimester anaemia below this in the first and third trimesters, g/dL
     * @param hbSecondTrimester anaemia below this in the second trimester, g/dL
     * @param hbSevere severe anaemia below this, g/dL
     * @param hbMaxAgeDays a haemoglobin older than this is not read
     */
    public record Anaemia(
            @NotNull BigDecimal hbNonPregnant,
            @NotNull BigDecimal hbFirstThirdTrimester,
            @NotNull BigDecimal hbSecondTrimester,
            @NotNull BigDecimal hbSevere,
            @Positive int hbMaxAgeDays) {}

    /**
     * Cervical length limits: NICE NG25 offers progesterone or cerclage at 25 mm or less; ACOG
     * Practice Bulletin 142 and Berghella 2011 speak of less than 25 mm.
     *
     * @param shortLengthMm the cervical length that is short, mm
     * @param shortInclusive whether a length of exactly {@code shortLengthMm} is short too
     * @param lengthMaxAgeDays a cervical length older than this is due again
     */
    public record Cervix(
            @NotNull BigDecimal shortLengthMm, @NotNull Boolean shortInclusive, @Positive int lengthMaxAgeDays) {

        /** Whether a cervical length, in mm, is short. */
        public boolean isShort(BigDecimal lengthMm) {
            int compared = lengthMm.compareTo(shortLengthMm);
            return compared < 0 || (shortInclusive && compared == 0);
        }

        /** The limit as a card shows it: {@code ≤25 mm} or {@code <25 mm}. */
        public String limit() {
            return (shortInclusive ? "≤" : "<")
                    + shortLengthMm.stripTrailingZeros().toPlainString() + " mm";
        }
    }

    /**
     * Prolactin limits.
     *
     * @param upper prolactin upper limit when the lab gives none, ng/mL
     */
    public record Prolactin(@NotNull BigDecimal upper) {}

    /**
     * Lifestyle limits (RPL-16).
     *
     * @param auditCPositive AUDIT-C score at or above which alcohol use is risky
     * @param bmiHigh BMI at or above which weight is a modifiable risk, kg/m2
     * @param bmiLow BMI below which weight is a modifiable risk, kg/m2
     * @param maxAgeMonths a smoking status or AUDIT-C older than this is not read
     * @param bmiMaxAgeMonths a BMI older than this is not read
     * @param bmiPregnantBeforeDays in pregnancy, a BMI from this many days of gestation on is not read
     */
    public record Lifestyle(
            @Positive int auditCPositive,
            @NotNull BigDecimal bmiHigh,
            @NotNull BigDecimal bmiLow,
            @Positive int maxAgeMonths,
            @Positive int bmiMaxAgeMonths,
            @Positive int bmiPregnantBeforeDays) {}

    /**
     * Fever limits; the temperature itself is the profile's {@code fever-celsius}.
     *
     * @param windowHours a temperature or fever diagnosis this recent counts
     */
    public record Fever(@Positive int windowHours) {}

    /**
     * Bleeding limits.
     *
     * @param windowDays a bleeding diagnosis with onset this recent counts, even if inactive
     */
    public record Bleeding(@Positive int windowDays) {}

    /**
     * Who gets cards. No guideline sets an upper age for the evaluation of recurrent pregnancy loss:
     * it serves women who may conceive, which at 45 to 49 still happens and from 50 rarely does
     * without donor oocytes (a pregnancy is cared for at any age).
     *
     * @param maxWorkupAge at or above this age in years a woman who is not pregnant gets no card
     * @param recentLossYears a woman with recurrent pregnancy loss whose last loss and diagnosis are
     *     older than this, and who has no fertility care in the last 12 months, gets one reminder
     *     card instead of the evaluation
     */
    public record Eligibility(@Positive int maxWorkupAge, @Positive int recentLossYears) {}

    /**
     * When the evaluation of recurrent pregnancy loss waits.
     *
     * @param deferFromWeeks from this week of gestation (+0 days) there is no evaluation card; the
     *     items return once the pregnancy ends
     */
    public record Workup(@Positive int deferFromWeeks) {

        /** The same limit in days of gestation. */
        public int deferFromDays() {
            return deferFromWeeks * 7;
        }
    }
}
