package org.rplcds.rules;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.math.BigDecimal;
import org.rplcds.facts.LossCounting;

/**
 * The guideline choices a site makes: where guidelines differ, the profile decides. The profiles
 * are configuration ({@code guideline-profiles.yml}), read once at start. Every parameter is
 * required: a profile that leaves one out, or gives a count or a window of zero, would change advice
 * without anyone deciding it; the service checks the annotations when it binds the profile.
 *
 * @param name the profile's name, such as {@code ESHRE2022}
 * @param label how cards name it, as people say it, such as {@code ESHRE 2022}
 * @param definition the guideline whose RPL definition the profile follows
 * @param minLosses losses that make recurrent pregnancy loss
 * @param requireConsecutive whether those losses must be consecutive
 * @param countBiochemical whether losses confirmed by hCG only count
 * @param viabilityWeeks a loss at or after this is a stillbirth
 * @param karyotypePolicy how parental karyotyping is worded
 * @param partnerEvaluation whether RPL-20 (male partner evaluation) is on
 * @param cerclageWindowStartDays first day of the history-indicated cerclage window (12+0 = 84)
 * @param cerclageWindowEndDays last day of that window (14+6 = 104)
 * @param feverCelsius temperature at or above which a pregnant woman has fever
 * @param thyroid how the thyroid tests are ordered
 * @param apl how the antiphospholipid antibody tests are ordered
 * @param thresholds laboratory and clinical limits
 * @param aspirin the low-dose aspirin the profile's guideline gives to prevent pre-eclampsia (RPL-28)
 */
public record GuidelineProfile(
        String name,
        @NotNull String label,
        @NotNull Citation definition,
        @Positive int minLosses,
        @NotNull Boolean requireConsecutive,
        @NotNull Boolean countBiochemical,
        @Positive int viabilityWeeks,
        @NotNull KaryotypePolicy karyotypePolicy,
        @NotNull Boolean partnerEvaluation,
        @Positive int cerclageWindowStartDays,
        @Positive int cerclageWindowEndDays,
        @NotNull BigDecimal feverCelsius,
        @NotNull @Valid ThyroidTests thyroid,
        @NotNull @Valid AplTests apl,
        @NotNull @Valid Thresholds thresholds,
        @NotNull @Valid Aspirin aspirin) {

    /**
     * Low-dose aspirin to prevent pre-eclampsia: NICE NG133 gives 75-150 mg, RCOG and NICE practice
     * 150 mg at night; ACOG and the USPSTF 81 mg daily.
     *
     * @param preeclampsiaDose the daily dose, mg
     */
    public record Aspirin(@Positive int preeclampsiaDose) {}

    /**
     * How the thyroid tests are ordered ({@code thyroid.free-t4}).
     *
     * @param freeT4 free T4 ordered with TSH, or by the lab when TSH is out of range
     */
    public record ThyroidTests(@NotNull FreeT4 freeT4) {

        /** When free T4 is ordered. */
        public enum FreeT4 {
            /** By the lab, only when TSH is outside its reference range (ESHRE 2022). */
            REFLEX,
            /** With every TSH (RCOG 2023, ASRM 2012, source text). */
            WITH_TSH
        }
    }

    /**
     * How the antiphospholipid antibody tests are ordered ({@code apl.beta2gpi}).
     *
     * @param beta2gpi whether anti-β2-glycoprotein I belongs to the screen
     */
    public record AplTests(@NotNull Beta2Gpi beta2gpi) {

        /** Anti-β2-glycoprotein I IgG and IgM in the screen. */
        public enum Beta2Gpi {
            /** Offered, not recommended: ESHRE 2022 says it "can be considered". */
            OPTIONAL,
            /** Part of the screen, beside lupus anticoagulant and anticardiolipin (ASRM 2012). */
            RECOMMENDED
        }
    }

    /** This profile under the name it is configured by. */
    public GuidelineProfile named(String configuredName) {
        return new GuidelineProfile(
                configuredName,
                label,
                definition,
                minLosses,
                requireConsecutive,
                countBiochemical,
                viabilityWeeks,
                karyotypePolicy,
                partnerEvaluation,
                cerclageWindowStartDays,
                cerclageWindowEndDays,
                feverCelsius,
                thyroid,
                apl,
                thresholds,
                aspirin);
    }

    public LossCounting lossCounting() {
        return new LossCounting(viabilityWeeks, countBiochemical);
    }

    /** How the profile defines RPL, in words for the card. */
    String definitionText() {
        return minLosses + " or more " + (requireConsecutive ? "consecutive " : "") + "pregnancy losses before "
                + viabilityWeeks + " weeks" + (countBiochemical ? ", biochemical losses included" : "");
    }

    /** "14+6", for card text. */
    static String weeks(int days) {
        return (days / 7) + "+" + (days % 7);
    }
}
