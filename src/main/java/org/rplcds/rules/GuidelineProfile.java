package org.rplcds.rules;

import java.util.List;
import java.util.Locale;
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
 */
public record GuidelineProfile(
        String name,
        Citation definition,
        int minLosses,
        boolean requireConsecutive,
        boolean countBiochemical,
        int viabilityWeeks) {

    public static final GuidelineProfile ESHRE2022 =
            new GuidelineProfile("ESHRE2022", Citation.ESHRE_2022, 2, false, true, 24);
    /** The source textbook: three consecutive losses before 28 weeks. */
    public static final GuidelineProfile SOURCE =
            new GuidelineProfile("SOURCE", Citation.SOURCE_TEXT, 3, true, false, 28);

    public static final GuidelineProfile RCOG2023 =
            new GuidelineProfile("RCOG2023", Citation.RCOG_2023, 3, false, false, 24);
    public static final GuidelineProfile ASRM2012 =
            new GuidelineProfile("ASRM2012", Citation.ASRM_2012, 2, false, false, 20);

    public static final List<GuidelineProfile> BUILT_IN = List.of(ESHRE2022, SOURCE, RCOG2023, ASRM2012);

    public static Optional<GuidelineProfile> named(String name) {
        String wanted = name.trim().toUpperCase(Locale.ROOT);
        return BUILT_IN.stream().filter(p -> p.name().equals(wanted)).findFirst();
    }

    public LossCounting lossCounting() {
        return new LossCounting(viabilityWeeks, countBiochemical);
    }

    /** How the profile defines RPL, in words for the card. */
    String definitionText() {
        return minLosses + " or more " + (requireConsecutive ? "consecutive " : "") + "pregnancy losses before "
                + viabilityWeeks + " weeks" + (countBiochemical ? ", biochemical losses included" : "");
    }
}
