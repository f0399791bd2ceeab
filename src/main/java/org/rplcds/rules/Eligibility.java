package org.rplcds.rules;

import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;
import org.rplcds.facts.Chart;
import org.rplcds.facts.LossKind;
import org.rplcds.facts.PatientFacts;
import org.rplcds.facts.PerformedProcedure;
import org.rplcds.facts.PregnancyEvent;
import org.rplcds.facts.Problem;
import org.rplcds.facts.ProblemKind;
import org.rplcds.facts.ProcedureKind;

/**
 * Who gets cards, decided before any recommendation on every hook ({@code patient-view},
 * {@code order-select}, {@code order-sign}), in this order:
 *
 * <ol>
 *   <li>She has died ({@code Patient.deceasedBoolean}, or {@code deceasedDateTime} on or before the
 *       evaluation date): no card.
 *   <li>A child, a man, or someone whose record shows neither a pregnancy nor a loss: no card.
 *   <li>Pregnant: every recommendation; if her reproduction had otherwise ended (the age below, a
 *       menopause or absent-uterus code, a hysterectomy), only those that care for the pregnancy
 *       ({@link #PREGNANCY_CARE}): a pregnancy by donor oocytes at 52 still needs its care.
 *   <li>Not pregnant and reproduction ended: menopause (Z78.0, E28.31x, N95.1; SNOMED 373717006,
 *       76498008), no uterus or ovaries (Z90.710, Z90.711, Z90.722), a completed hysterectomy (the
 *       hysterectomies of VSAC "Hysterectomy", never its septum excision), or age at or above {@code
 *       eligibility.max-workup-age} (50): no card. No guideline sets an upper age; the evaluation
 *       serves women who may conceive, which at 45 to 49 still happens and from 50 is exceptional
 *       (median menopause about 51).
 *   <li>Recurrent pregnancy loss in the past only: not pregnant, no loss within {@code
 *       eligibility.recent-loss-years} (5), no active RPL diagnosis recorded within those years, no
 *       infertility (N97) or procreative management (Z31) in the last 12 months: one reminder card,
 *       RPL-01's {@code Past recurrent pregnancy loss (...)}, and nothing else.
 * </ol>
 */
final class Eligibility {

    /** No card for children: the gate when a birth date is known. */
    static final int MIN_AGE_YEARS = 12;

    /**
     * The recommendations that care for a current pregnancy: they speak at any age and despite a
     * record that says reproduction had ended. RPL-04 speaks then of the pregnancy alone. An id
     * that is not in the catalogue never speaks.
     */
    public static final Set<String> PREGNANCY_CARE = Set.of(
            "RPL-04", "RPL-07", "RPL-10", "RPL-11", "RPL-12", "RPL-13", "RPL-17", "RPL-18", "RPL-19", "RPL-24",
            "RPL-27", "RPL-28");

    /** Fertility care this recent says she is trying to conceive. */
    static final int FERTILITY_CARE_MONTHS = 12;

    /** Which recommendations may speak for this patient. */
    enum Scope {
        /** None: no card at all. */
        NONE,
        /** Only those of {@link #PREGNANCY_CARE}. */
        PREGNANCY_CARE,
        /** Only RPL-01's reminder of a past recurrent pregnancy loss. */
        PAST_RPL,
        /** Every recommendation. */
        ALL;

        boolean admits(String ruleId) {
            return switch (this) {
                case NONE, PAST_RPL -> false;
                case PREGNANCY_CARE -> Eligibility.PREGNANCY_CARE.contains(ruleId);
                case ALL -> true;
            };
        }
    }

    private Eligibility() {}

    /** The gates that need no profile: death, age, sex, and the end of reproduction. */
    static Scope of(PatientFacts facts, Thresholds limits) {
        if (facts.deceased()) {
            return Scope.NONE;
        }
        if (facts.ageYears().filter(age -> age < MIN_AGE_YEARS).isPresent()) {
            return Scope.NONE;
        }
        boolean pregnant = facts.pregnancy().pregnant();
        boolean person =
                switch (facts.sex()) {
                    case FEMALE -> true;
                    case MALE -> false;
                    case OTHER, UNKNOWN -> pregnant || facts.history().anyEvidence();
                };
        if (!person) {
            return Scope.NONE;
        }
        if (reproductionEnded(facts, limits)) {
            return pregnant ? Scope.PREGNANCY_CARE : Scope.NONE;
        }
        return Scope.ALL;
    }

    /** Every gate: with recurrent pregnancy loss identified under the profile, the past-RPL one too. */
    static Scope of(Assessment assessment) {
        Scope scope = of(assessment.facts(), assessment.profile().thresholds());
        if (scope == Scope.ALL && pastOnly(assessment)) {
            return Scope.PAST_RPL;
        }
        return scope;
    }

    /** Menopause, no uterus, a hysterectomy, or the age limit. */
    static boolean reproductionEnded(PatientFacts facts, Thresholds limits) {
        Chart chart = facts.chart();
        return facts.ageYears()
                        .filter(age -> age >= limits.eligibility().maxWorkupAge())
                        .isPresent()
                || chart.hasActiveProblem(ProblemKind.REPRODUCTION_ENDED)
                || chart.procedures(ProcedureKind.HYSTERECTOMY).stream().anyMatch(PerformedProcedure::completed);
    }

    /**
     * Recurrent pregnancy loss long past: not pregnant, every loss dated and none within the
     * years, no active RPL diagnosis recorded within them, no fertility care in 12 months.
     */
    static boolean pastOnly(Assessment assessment) {
        PatientFacts facts = assessment.facts();
        if (!assessment.rpl() || assessment.pregnant()) {
            return false;
        }
        LocalDate since = facts.evaluationDate()
                .minusYears(assessment.profile().thresholds().eligibility().recentLossYears());
        Optional<LocalDate> last = lastLoss(facts);
        if (last.isEmpty() || !last.get().isBefore(since)) {
            return false;
        }
        Chart chart = facts.chart();
        boolean recentDiagnosis = chart.problems(ProblemKind.RECURRENT_PREGNANCY_LOSS).stream()
                .filter(Problem::active)
                .anyMatch(p -> p.date().isEmpty() || !p.date().get().isBefore(since));
        LocalDate fertilitySince = facts.evaluationDate().minusMonths(FERTILITY_CARE_MONTHS);
        boolean fertilityCare = chart.problems(ProblemKind.FERTILITY_CARE).stream()
                .anyMatch(p -> p.date().map(d -> !d.isBefore(fertilitySince)).orElse(p.active()));
        return !recentDiagnosis && !fertilityCare;
    }

    /**
     * The date of the latest pregnancy loss of any kind (counted or not: an ectopic pregnancy
     * last year says she conceives); empty when there is none, or when one is undated (it may be
     * recent).
     */
    static Optional<LocalDate> lastLoss(PatientFacts facts) {
        var losses = facts.history().events().stream()
                .filter(e -> e.kind() != LossKind.LIVE_BIRTH && e.kind() != LossKind.INDUCED)
                .toList();
        if (losses.isEmpty() || losses.stream().anyMatch(e -> e.date().isEmpty())) {
            return Optional.empty();
        }
        return losses.stream()
                .map(PregnancyEvent::date)
                .map(Optional::orElseThrow)
                .max(LocalDate::compareTo);
    }
}
