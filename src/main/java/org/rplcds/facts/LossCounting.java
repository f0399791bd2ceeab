package org.rplcds.facts;

/**
 * The guideline choices that change how losses are counted.
 *
 * @param viabilityWeeks a loss at or after this many weeks is a stillbirth, not a miscarriage
 * @param countBiochemical whether losses confirmed by hCG only count
 */
public record LossCounting(int viabilityWeeks, boolean countBiochemical) {}
