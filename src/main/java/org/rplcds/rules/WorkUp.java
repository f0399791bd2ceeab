package org.rplcds.rules;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.rplcds.facts.Analyte;
import org.rplcds.facts.Chart;
import org.rplcds.facts.Interpretation;
import org.rplcds.facts.LabResult;
import org.rplcds.facts.PatientFacts;
import org.rplcds.facts.ProblemKind;
import org.rplcds.facts.ProcedureKind;

/**
 * Where the RPL evaluation stands: which investigations are on record, which are positive.
 *
 * @param thyroidMissing thyroid tests without a valid result (TSH and free T4 with a readable value within
 *     the window, TPO ever)
 * @param aplTested lupus anticoagulant and anticardiolipin IgG and IgM resulted
 * @param positiveApl antiphospholipid results that are positive
 * @param apsConfirmed APS diagnosed, or the same aPL positive twice far enough apart
 * @param karyotypeDone a karyotype result or procedure on record
 * @param uterusAssessed a uterine cavity assessment on record
 */
record WorkUp(
        Set<Analyte> thyroidMissing,
        boolean aplTested,
        List<LabResult> positiveApl,
        boolean apsConfirmed,
        boolean karyotypeDone,
        boolean uterusAssessed) {

    static final Set<Analyte> APL = EnumSet.of(
            Analyte.LUPUS_ANTICOAGULANT,
            Analyte.ANTICARDIOLIPIN_IGG,
            Analyte.ANTICARDIOLIPIN_IGM,
            Analyte.ANTICARDIOLIPIN_PANEL,
            Analyte.BETA2_GLYCOPROTEIN);

    static WorkUp of(PatientFacts facts, GuidelineProfile profile) {
        Chart chart = facts.chart();
        Thresholds limits = profile.thresholds();
        LocalDate today = facts.evaluationDate();
        // In pregnancy a TSH counts from the start of this pregnancy; otherwise within the window.
        // A TSH or free T4 in a unit that cannot be read is treated as missing (clinical rules 2.9).
        LocalDate thyroidSince = facts.pregnancy().pregnant()
                ? facts.pregnancy().start(today).orElse(today.minusMonths(limits.thyroidTestMonths()))
                : today.minusMonths(limits.thyroidTestMonths());
        Set<Analyte> thyroidMissing = EnumSet.noneOf(Analyte.class);
        for (Analyte analyte : List.of(Analyte.TSH, Analyte.FREE_T4)) {
            if (chart.results(analyte).stream()
                    .noneMatch(r -> r.value().isPresent() && !r.date().isBefore(thyroidSince))) {
                thyroidMissing.add(analyte);
            }
        }
        if (!chart.resulted(Analyte.TPO_ANTIBODY)) {
            thyroidMissing.add(Analyte.TPO_ANTIBODY);
        }
        boolean aclTested = (chart.resulted(Analyte.ANTICARDIOLIPIN_IGG) && chart.resulted(Analyte.ANTICARDIOLIPIN_IGM))
                || chart.resulted(Analyte.ANTICARDIOLIPIN_PANEL);
        boolean aplTested = chart.resulted(Analyte.LUPUS_ANTICOAGULANT) && aclTested;
        List<LabResult> positive = new ArrayList<>();
        for (LabResult result : chart.labs()) {
            if (APL.contains(result.analyte()) && positiveApl(result, limits)) {
                positive.add(result);
            }
        }
        boolean persistent = false;
        for (LabResult first : positive) {
            for (LabResult later : positive) {
                if (first.analyte() == later.analyte()
                        && ChronoUnit.DAYS.between(first.date(), later.date()) >= limits.aplRepeatWeeks() * 7L) {
                    persistent = true;
                }
            }
        }
        boolean apsConfirmed = chart.hasActiveProblem(ProblemKind.ANTIPHOSPHOLIPID_SYNDROME) || persistent;
        boolean karyotypeDone = chart.resulted(Analyte.KARYOTYPE)
                || !chart.procedures(ProcedureKind.KARYOTYPE).isEmpty();
        boolean uterusAssessed = chart.resulted(Analyte.UTERINE_IMAGING)
                || !chart.procedures(ProcedureKind.UTERINE_ASSESSMENT).isEmpty()
                || !chart.procedures(ProcedureKind.UTERINE_CORRECTION).isEmpty();
        return new WorkUp(
                Set.copyOf(thyroidMissing),
                aplTested,
                List.copyOf(positive),
                apsConfirmed,
                karyotypeDone,
                uterusAssessed);
    }

    boolean thyroidTested() {
        return !thyroidMissing.contains(Analyte.TSH) && !thyroidMissing.contains(Analyte.TPO_ANTIBODY);
    }

    boolean aplPositive() {
        return !positiveApl.isEmpty();
    }

    /** Thyroid, aPL and uterus done; karyotype too unless the profile makes it selective. */
    boolean complete(GuidelineProfile profile) {
        return thyroidTested()
                && aplTested
                && uterusAssessed
                && (karyotypeDone || profile.karyotypePolicy() == KaryotypePolicy.SELECTIVE);
    }

    /**
     * Sydney criteria: lupus anticoagulant present; anticardiolipin above the limit (or flagged);
     * anti-beta2-glycoprotein I above the lab's 99th centile (its upper reference limit, or flagged).
     */
    static boolean positiveApl(LabResult result, Thresholds limits) {
        Interpretation reading = result.interpretation();
        if (reading == Interpretation.POSITIVE || reading == Interpretation.HIGH) {
            return true;
        }
        return switch (result.analyte()) {
            case ANTICARDIOLIPIN_IGG, ANTICARDIOLIPIN_IGM, ANTICARDIOLIPIN_PANEL -> result.value()
                    .filter(v -> v.compareTo(limits.aclPositive()) > 0)
                    .isPresent();
            case BETA2_GLYCOPROTEIN -> result.value()
                    .flatMap(v -> result.high().map(h -> v.compareTo(h) > 0))
                    .orElse(false);
            default -> false;
        };
    }

    static boolean above(BigDecimal value, BigDecimal limit) {
        return value.compareTo(limit) > 0;
    }
}
