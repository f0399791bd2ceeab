package org.rplcds.rules.derived;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.rplcds.facts.Analyte;
import org.rplcds.facts.Chart;
import org.rplcds.facts.Interpretation;
import org.rplcds.facts.LabResult;
import org.rplcds.facts.PatientFacts;
import org.rplcds.rules.Thresholds;

/**
 * The thyroid picture, with one definition of a recent result: taken
 * within the testing window and, if she is pregnant, on or after the start of this pregnancy.
 * RPL-03 and RPL-04 both read this, so that RPL-04 never treats on a TSH RPL-03 calls missing.
 *
 * @param recentSince a TSH or free T4 on or after this date is recent
 * @param tsh the latest recent TSH with a value
 * @param staleTsh the latest TSH with a value when none is recent
 * @param upper the TSH upper limit that applies to {@code tsh} (or, without one, to {@code staleTsh})
 * @param freeT4 the latest recent free T4 with a value, if any
 * @param tpo the latest TPO antibody result, if any
 * @param category what the recent results mean together
 * @param staleCategory what the stale TSH would mean, were it recent; NONE without one
 * @param missing TSH and free T4 without a recent readable value, TPO antibodies never resulted
 * @param freeT4Low the recent free T4 is below the lab's lower limit, else the profile's
 * @param confirmed an earlier recent TSH above its limit, at least the confirming interval before
 *     {@code tsh}, which is above its own: two tests agree
 */
public record Thyroid(
        LocalDate recentSince,
        Optional<LabResult> tsh,
        Optional<LabResult> staleTsh,
        BigDecimal upper,
        Optional<LabResult> freeT4,
        Optional<LabResult> tpo,
        Category category,
        Category staleCategory,
        Set<Analyte> missing,
        boolean freeT4Low,
        Optional<LabResult> confirmed) {

    /** What the thyroid results mean together. */
    public enum Category {
        /** TSH above the limit with low free T4, or TSH at the overt level. */
        OVERT,
        /** TSH above the limit, free T4 normal or unknown. */
        SUBCLINICAL,
        /** TPO antibodies positive and TSH between 2.5 and the limit. */
        TPO_POSITIVE_HIGH_NORMAL,
        NONE
    }

    /** 14+0 weeks in days: the second trimester (ACOG), from which the TSH target is higher. */
    static final int SECOND_TRIMESTER_DAYS = 14 * 7;

    static Thyroid of(PatientFacts facts, Thresholds limits) {
        Chart chart = facts.chart();
        LocalDate since = recentSince(facts, limits);
        Optional<LabResult> latest = chart.latestValue(Analyte.TSH);
        Optional<LabResult> tsh = latest.filter(r -> !r.date().isBefore(since));
        Optional<LabResult> stale = tsh.isPresent() ? Optional.empty() : latest;
        Optional<LabResult> freeT4 =
                chart.latestValue(Analyte.FREE_T4).filter(r -> !r.date().isBefore(since));
        Optional<LabResult> tpo = chart.latest(Analyte.TPO_ANTIBODY);
        BigDecimal defaultUpper = facts.pregnancy().pregnant()
                ? limits.thyroid().tshPregnantUpper()
                : limits.thyroid().tshUpper();
        BigDecimal upper = tsh.or(() -> stale).flatMap(LabResult::high).orElse(defaultUpper);
        // A TSH or free T4 in a unit that cannot be read is treated as missing.
        Set<Analyte> missing = EnumSet.noneOf(Analyte.class);
        for (Analyte analyte : List.of(Analyte.TSH, Analyte.FREE_T4)) {
            if (chart.results(analyte).stream()
                    .noneMatch(r -> r.value().isPresent() && !r.date().isBefore(since))) {
                missing.add(analyte);
            }
        }
        if (!chart.resulted(Analyte.TPO_ANTIBODY)) {
            missing.add(Analyte.TPO_ANTIBODY);
        }
        return new Thyroid(
                since,
                tsh,
                stale,
                upper,
                freeT4,
                tpo,
                tsh.map(r -> categorise(r, upper, freeT4, tpo, limits)).orElse(Category.NONE),
                stale.map(r -> categorise(r, upper, freeT4, tpo, limits)).orElse(Category.NONE),
                Set.copyOf(missing),
                low(freeT4, limits),
                tsh.flatMap(recent -> confirmed(chart, recent, since, defaultUpper, limits)));
    }

    /** An earlier recent TSH above its limit, far enough before the latest one, itself above its own. */
    private static Optional<LabResult> confirmed(
            Chart chart, LabResult latest, LocalDate since, BigDecimal defaultUpper, Thresholds limits) {
        if (!above(latest, defaultUpper)) {
            return Optional.empty();
        }
        LocalDate before = latest.date().minusWeeks(limits.thyroid().confirmWeeks());
        return chart.results(Analyte.TSH).stream()
                .filter(r -> r.value().isPresent())
                .filter(r -> !r.date().isBefore(since) && !r.date().isAfter(before))
                .filter(r -> above(r, defaultUpper))
                .max(Comparator.comparing(LabResult::date));
    }

    /** A TSH above the lab's upper limit, in the same unit, else the default one. */
    private static boolean above(LabResult tsh, BigDecimal defaultUpper) {
        BigDecimal limit = tsh.high().orElse(defaultUpper);
        return tsh.value().filter(v -> v.compareTo(limit) > 0).isPresent();
    }

    private static boolean low(Optional<LabResult> freeT4, Thresholds limits) {
        BigDecimal ft4Low =
                freeT4.flatMap(LabResult::low).orElse(limits.thyroid().ft4Low());
        return freeT4.flatMap(LabResult::value)
                .filter(v -> v.compareTo(ft4Low) < 0)
                .isPresent();
    }

    private static Category categorise(
            LabResult tsh, BigDecimal upper, Optional<LabResult> freeT4, Optional<LabResult> tpo, Thresholds limits) {
        BigDecimal value = tsh.value().orElseThrow();
        if (value.compareTo(upper) > 0) {
            return low(freeT4, limits) || value.compareTo(limits.thyroid().tshOvert()) >= 0
                    ? Category.OVERT
                    : Category.SUBCLINICAL;
        }
        if (value.compareTo(limits.thyroid().tshTpoTreat()) > 0
                && tpo.filter(r -> tpoPositive(r, limits)).isPresent()) {
            return Category.TPO_POSITIVE_HIGH_NORMAL;
        }
        return Category.NONE;
    }

    private static boolean tpoPositive(LabResult result, Thresholds limits) {
        if (result.interpretation() == Interpretation.POSITIVE || result.interpretation() == Interpretation.HIGH) {
            return true;
        }
        BigDecimal limit = result.high().orElse(limits.thyroid().tpoPositive());
        return result.value().filter(v -> v.compareTo(limit) > 0).isPresent();
    }

    /** The date a result must be on or after to be recent. */
    private static LocalDate recentSince(PatientFacts facts, Thresholds limits) {
        LocalDate today = facts.evaluationDate();
        LocalDate window = today.minusMonths(limits.thyroid().testMonths());
        if (!facts.pregnancy().pregnant()) {
            return window;
        }
        return facts.pregnancy()
                .start(today)
                .filter(start -> start.isAfter(window))
                .orElse(window);
    }

    /** A recent TSH and TPO antibodies ever ({@link DerivedFacts#thyroidTested}). */
    public boolean tested() {
        return !missing.contains(Analyte.TSH) && !missing.contains(Analyte.TPO_ANTIBODY);
    }

    /** Hypothyroidism (overt or subclinical) shown by the recent results. */
    public boolean dysfunction() {
        return category == Category.OVERT || category == Category.SUBCLINICAL;
    }

    /**
     * On levothyroxine in pregnancy, the TSH to stay below: the lab's upper limit on the result
     * (a trimester-specific range), else the profile's target for the trimester (ATA 2017).
     */
    public BigDecimal target(Thresholds limits, int gestationDays) {
        BigDecimal trimester = gestationDays >= SECOND_TRIMESTER_DAYS
                ? limits.thyroid().tshTargetLater()
                : limits.thyroid().tshTargetFirstTrimester();
        return tsh.flatMap(LabResult::high).orElse(trimester);
    }

    /** The latest TSH is abnormal but not recent: repeat before treating. */
    public boolean staleAbnormal() {
        return staleCategory != Category.NONE;
    }
}
