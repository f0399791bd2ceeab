package org.rplcds.rules;

import java.math.BigDecimal;
import java.util.Optional;
import org.rplcds.facts.Analyte;
import org.rplcds.facts.Interpretation;
import org.rplcds.facts.LabResult;
import org.rplcds.facts.PatientFacts;

/**
 * The latest thyroid picture: TSH against the lab's (or the profile's) upper limit, free T4
 * against its lower limit, TPO antibodies.
 *
 * @param tsh the latest TSH within the testing window, with a value
 * @param upper the TSH upper limit that applies
 * @param freeT4 the latest free T4, if any
 * @param tpo the latest TPO antibody result, if any
 * @param category what the results mean together
 */
record ThyroidFunction(
        Optional<LabResult> tsh,
        BigDecimal upper,
        Optional<LabResult> freeT4,
        Optional<LabResult> tpo,
        Category category) {

    /** What the thyroid results mean together. */
    enum Category {
        /** TSH above the limit with low free T4, or TSH at the overt level. */
        OVERT,
        /** TSH above the limit, free T4 normal or unknown. */
        SUBCLINICAL,
        /** TPO antibodies positive and TSH between 2.5 and the limit. */
        TPO_POSITIVE_HIGH_NORMAL,
        NONE
    }

    static ThyroidFunction of(PatientFacts facts, GuidelineProfile profile) {
        Thresholds limits = profile.thresholds();
        var since = facts.evaluationDate().minusMonths(limits.thyroidTestMonths());
        Optional<LabResult> tsh =
                facts.chart().latestValue(Analyte.TSH).filter(r -> !r.date().isBefore(since));
        BigDecimal defaultUpper = facts.pregnancy().pregnant() ? limits.tshPregnantUpper() : limits.tshUpper();
        BigDecimal upper = tsh.flatMap(LabResult::high).orElse(defaultUpper);
        Optional<LabResult> freeT4 = facts.chart().latestValue(Analyte.FREE_T4);
        Optional<LabResult> tpo = facts.chart().latest(Analyte.TPO_ANTIBODY);
        if (tsh.isEmpty()) {
            return new ThyroidFunction(tsh, upper, freeT4, tpo, Category.NONE);
        }
        BigDecimal value = tsh.get().value().orElseThrow();
        Category category = Category.NONE;
        if (value.compareTo(upper) > 0) {
            BigDecimal ft4Low = freeT4.flatMap(LabResult::low).orElse(limits.ft4Low());
            boolean lowFt4 = freeT4.flatMap(LabResult::value)
                    .filter(v -> v.compareTo(ft4Low) < 0)
                    .isPresent();
            category = lowFt4 || value.compareTo(limits.tshOvert()) >= 0 ? Category.OVERT : Category.SUBCLINICAL;
        } else if (value.compareTo(limits.tshTpoTreat()) > 0
                && tpo.filter(r -> tpoPositive(r, limits)).isPresent()) {
            category = Category.TPO_POSITIVE_HIGH_NORMAL;
        }
        return new ThyroidFunction(tsh, upper, freeT4, tpo, category);
    }

    static boolean tpoPositive(LabResult result, Thresholds limits) {
        if (result.interpretation() == Interpretation.POSITIVE || result.interpretation() == Interpretation.HIGH) {
            return true;
        }
        BigDecimal limit = result.high().orElse(limits.tpoPositive());
        return result.value().filter(v -> v.compareTo(limit) > 0).isPresent();
    }

    /** Hypothyroidism (overt or subclinical) shown by the results. */
    boolean dysfunction() {
        return category == Category.OVERT || category == Category.SUBCLINICAL;
    }
}
