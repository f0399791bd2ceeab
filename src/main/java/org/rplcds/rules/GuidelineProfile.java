package org.rplcds.rules;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.rplcds.facts.LossCounting;

/**
 * The guideline choices a site makes: where guidelines differ, the profile decides.
 *
 * @param name the profile's name, such as {@code ESHRE2022}
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
 * @param thresholds laboratory and clinical limits
 */
public record GuidelineProfile(
        String name,
        Citation definition,
        int minLosses,
        boolean requireConsecutive,
        boolean countBiochemical,
        int viabilityWeeks,
        KaryotypePolicy karyotypePolicy,
        boolean partnerEvaluation,
        int cerclageWindowStartDays,
        int cerclageWindowEndDays,
        BigDecimal feverCelsius,
        Thresholds thresholds) {

    public static final GuidelineProfile ESHRE2022 = new GuidelineProfile(
            "ESHRE2022",
            Citation.ESHRE_2022,
            2,
            false,
            true,
            24,
            KaryotypePolicy.SELECTIVE,
            false,
            84,
            104,
            new BigDecimal("38.0"),
            Thresholds.DEFAULTS);
    /** The source textbook: three consecutive losses before 28 weeks, cerclage to 16+6, fever 38.5 °C. */
    public static final GuidelineProfile SOURCE = new GuidelineProfile(
            "SOURCE",
            Citation.SOURCE_TEXT,
            3,
            true,
            false,
            28,
            KaryotypePolicy.ROUTINE,
            true,
            84,
            118,
            new BigDecimal("38.5"),
            Thresholds.DEFAULTS);

    public static final GuidelineProfile RCOG2023 = new GuidelineProfile(
            "RCOG2023",
            Citation.RCOG_2023,
            3,
            false,
            false,
            24,
            KaryotypePolicy.POC_FIRST,
            false,
            84,
            104,
            new BigDecimal("38.0"),
            Thresholds.DEFAULTS);
    public static final GuidelineProfile ASRM2012 = new GuidelineProfile(
            "ASRM2012",
            Citation.ASRM_2012,
            2,
            false,
            false,
            20,
            KaryotypePolicy.ROUTINE,
            false,
            84,
            104,
            new BigDecimal("38.0"),
            Thresholds.DEFAULTS);

    public static final List<GuidelineProfile> BUILT_IN = List.of(ESHRE2022, SOURCE, RCOG2023, ASRM2012);

    public static Optional<GuidelineProfile> named(String name) {
        String wanted = name.trim().toUpperCase(Locale.ROOT);
        return BUILT_IN.stream().filter(p -> p.name().equals(wanted)).findFirst();
    }

    /**
     * This profile with site settings applied: parameters by kebab-case name ({@code min-losses}),
     * thresholds under {@code thresholds.} ({@code thresholds.tsh-upper}).
     *
     * @throws IllegalArgumentException for an unknown name or a value of the wrong type
     */
    public GuidelineProfile with(Map<String, String> settings) {
        Map<String, String> own = new HashMap<>();
        Map<String, String> limits = new HashMap<>();
        settings.forEach((key, value) -> {
            if (key.startsWith("thresholds.")) {
                limits.put(key.substring("thresholds.".length()), value);
            } else if (key.equals("name") || key.equals("definition") || key.equals("thresholds")) {
                throw new IllegalArgumentException("setting '" + key + "' cannot be changed");
            } else {
                own.put(key, value);
            }
        });
        GuidelineProfile changed = Overrides.apply(this, own);
        return limits.isEmpty()
                ? changed
                : changed.withThresholds(changed.thresholds().with(limits));
    }

    private GuidelineProfile withThresholds(Thresholds changed) {
        return new GuidelineProfile(
                name,
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
                changed);
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
