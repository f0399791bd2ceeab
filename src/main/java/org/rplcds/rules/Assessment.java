package org.rplcds.rules;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.rplcds.facts.Analyte;
import org.rplcds.facts.Chart;
import org.rplcds.facts.DraftOrders;
import org.rplcds.facts.Evidence;
import org.rplcds.facts.Interpretation;
import org.rplcds.facts.LabResult;
import org.rplcds.facts.ObstetricHistory;
import org.rplcds.facts.PatientFacts;
import org.rplcds.facts.PerformedProcedure;
import org.rplcds.facts.Problem;
import org.rplcds.facts.ProblemKind;
import org.rplcds.facts.ProcedureKind;

/**
 * The derived facts of the clinical contract (clinical rules §3), computed once per hook call from
 * the patient's facts and the profile, each with the record entries that made it true. Every
 * recommendation reads these; none computes them again.
 *
 * @param facts what the record says
 * @param profile the guideline profile the site chose
 * @param rplIdentified the profile's definition of recurrent pregnancy loss is met, or a clinician
 *     recorded RPL (§3.1)
 * @param rplOrderUnknown the profile needs consecutive losses and their order cannot be told
 * @param thyroid the thyroid picture, with the one definition of a recent TSH (§8 R4)
 * @param thyroidTested a recent TSH and a TPO antibody result ever
 * @param aplTested lupus anticoagulant and anticardiolipin IgG and IgM resulted ever
 * @param positiveApl antiphospholipid results that are positive
 * @param apsConfirmed APS diagnosed, or the same aPL positive twice far enough apart
 * @param karyotypeDone a karyotype result or procedure on record
 * @param uterusAssessed a uterine cavity assessment, or a uterine anomaly or cavity lesion, on record
 * @param causeIdentified a known cause of pregnancy loss is on record
 * @param workupComplete thyroid, aPL and uterus done; karyotype too unless the policy is selective
 * @param presentation how the cards speak (units, one evaluation card or several)
 * @param drafts at the moment of ordering ({@code order-select}, {@code order-sign}), the orders
 *     being written, which the rules that speak then read instead of the chart's orders; empty on
 *     {@code patient-view}
 */
public record Assessment(
        PatientFacts facts,
        GuidelineProfile profile,
        Fact rplIdentified,
        boolean rplOrderUnknown,
        Thyroid thyroid,
        Fact thyroidTested,
        Fact aplTested,
        List<LabResult> positiveApl,
        Fact apsConfirmed,
        Fact karyotypeDone,
        Fact uterusAssessed,
        Fact causeIdentified,
        Fact workupComplete,
        Presentation presentation,
        Optional<DraftOrders> drafts) {

    static final Set<Analyte> APL = EnumSet.of(
            Analyte.LUPUS_ANTICOAGULANT,
            Analyte.ANTICARDIOLIPIN_IGG,
            Analyte.ANTICARDIOLIPIN_IGM,
            Analyte.ANTICARDIOLIPIN_PANEL,
            Analyte.BETA2_GLYCOPROTEIN);

    /** Diagnoses that can only be made by imaging or seeing the uterine cavity. */
    static final List<ProblemKind> CAVITY_FINDINGS = List.of(
            ProblemKind.MULLERIAN_ANOMALY,
            ProblemKind.UTERINE_SEPTUM,
            ProblemKind.SUBMUCOUS_FIBROID,
            ProblemKind.INTRAUTERINE_ADHESIONS);

    /**
     * A derived fact and what it rests on.
     *
     * @param holds whether the fact is true
     * @param evidence the record entries that make it true; empty when it does not hold
     */
    public record Fact(boolean holds, List<Evidence> evidence) {

        static final Fact NO = new Fact(false, List.of());

        public Fact {
            evidence = List.copyOf(evidence);
        }

        static Fact when(boolean holds, List<Evidence> evidence) {
            return holds ? new Fact(true, evidence.stream().distinct().toList()) : NO;
        }
    }

    public static Assessment of(PatientFacts facts, GuidelineProfile profile) {
        return of(facts, profile, Presentation.DEFAULT);
    }

    public static Assessment of(PatientFacts facts, GuidelineProfile profile, Presentation presentation) {
        Chart chart = facts.chart();
        Thresholds limits = profile.thresholds();
        ObstetricHistory history = facts.history();

        boolean[] orderUnknown = {false};
        boolean rpl = rpl(history, profile, orderUnknown);
        Fact rplIdentified = Fact.when(
                rpl,
                history.rplAsserted()
                        ? history.rplAssertions()
                        : history.losses().stream()
                                .flatMap(l -> l.evidence().stream())
                                .toList());

        Thyroid thyroid = Thyroid.of(facts, limits);
        Fact thyroidTested = Fact.when(
                thyroid.tested(),
                Stream.concat(thyroid.tsh().stream(), thyroid.tpo().stream())
                        .map(LabResult::evidence)
                        .toList());

        boolean aclTested = (chart.resulted(Analyte.ANTICARDIOLIPIN_IGG) && chart.resulted(Analyte.ANTICARDIOLIPIN_IGM))
                || chart.resulted(Analyte.ANTICARDIOLIPIN_PANEL);
        Fact aplTested = Fact.when(
                chart.resulted(Analyte.LUPUS_ANTICOAGULANT) && aclTested,
                chart.labs().stream()
                        .filter(r -> APL.contains(r.analyte()))
                        .map(LabResult::evidence)
                        .toList());

        List<LabResult> positive = chart.labs().stream()
                .filter(r -> APL.contains(r.analyte()) && positiveApl(r, limits))
                .toList();
        List<Evidence> persistent = new ArrayList<>();
        for (LabResult first : positive) {
            for (LabResult later : positive) {
                if (first.analyte() == later.analyte()
                        && ChronoUnit.DAYS.between(first.date(), later.date())
                                >= limits.apl().repeatWeeks() * 7L) {
                    persistent.add(first.evidence());
                    persistent.add(later.evidence());
                }
            }
        }
        List<Evidence> apsDiagnoses = chart.problems(ProblemKind.ANTIPHOSPHOLIPID_SYNDROME).stream()
                .filter(Problem::active)
                .map(Problem::evidence)
                .toList();
        Fact apsConfirmed = Fact.when(
                !apsDiagnoses.isEmpty() || !persistent.isEmpty(),
                Stream.concat(apsDiagnoses.stream(), persistent.stream()).toList());

        Fact karyotypeDone = Fact.when(
                chart.resulted(Analyte.KARYOTYPE)
                        || !chart.procedures(ProcedureKind.KARYOTYPE).isEmpty(),
                Stream.concat(evidence(chart.results(Analyte.KARYOTYPE)), procedures(chart, ProcedureKind.KARYOTYPE))
                        .toList());
        // A uterine anomaly or cavity lesion on record means someone imaged the cavity (§8 R2).
        List<Evidence> cavityFindings = CAVITY_FINDINGS.stream()
                .flatMap(kind -> chart.problems(kind).stream())
                .map(Problem::evidence)
                .toList();
        Fact uterusAssessed = Fact.when(
                chart.resulted(Analyte.UTERINE_IMAGING)
                        || !chart.procedures(ProcedureKind.UTERINE_ASSESSMENT).isEmpty()
                        || !chart.procedures(ProcedureKind.UTERINE_CORRECTION).isEmpty()
                        || !cavityFindings.isEmpty(),
                Stream.of(
                                evidence(chart.results(Analyte.UTERINE_IMAGING)),
                                procedures(chart, ProcedureKind.UTERINE_ASSESSMENT),
                                procedures(chart, ProcedureKind.UTERINE_CORRECTION),
                                cavityFindings.stream())
                        .flatMap(s -> s)
                        .toList());

        Fact causeIdentified = cause(chart, limits, thyroid, apsConfirmed);
        boolean complete = thyroidTested.holds()
                && aplTested.holds()
                && uterusAssessed.holds()
                && (karyotypeDone.holds() || profile.karyotypePolicy() == KaryotypePolicy.SELECTIVE);
        Fact workupComplete = Fact.when(
                complete,
                Stream.of(thyroidTested, aplTested, uterusAssessed, karyotypeDone)
                        .flatMap(f -> f.evidence().stream())
                        .toList());

        return new Assessment(
                facts,
                profile,
                rplIdentified,
                orderUnknown[0],
                thyroid,
                thyroidTested,
                aplTested,
                positive,
                apsConfirmed,
                karyotypeDone,
                uterusAssessed,
                causeIdentified,
                workupComplete,
                presentation,
                Optional.empty());
    }

    /** The same assessment while the orders are written: the rules read the drafts. */
    public Assessment ordering(DraftOrders orders) {
        return new Assessment(
                facts,
                profile,
                rplIdentified,
                rplOrderUnknown,
                thyroid,
                thyroidTested,
                aplTested,
                positiveApl,
                apsConfirmed,
                karyotypeDone,
                uterusAssessed,
                causeIdentified,
                workupComplete,
                presentation,
                Optional.of(orders));
    }

    /** Recurrent pregnancy loss identified (clinical rules §3.1). */
    public boolean rpl() {
        return rplIdentified.holds();
    }

    public boolean pregnant() {
        return facts.pregnancy().pregnant();
    }

    /** Gestational age in days, or -1 when unknown. */
    public int gestationDays() {
        return facts.pregnancy().gestationalAgeDays().orElse(-1);
    }

    /** Positive antiphospholipid results on record. */
    public boolean aplPositive() {
        return !positiveApl.isEmpty();
    }

    /** RPL with a complete evaluation, no positive aPL and no cause on record. */
    public boolean unexplained() {
        return rpl() && workupComplete.holds() && !aplPositive() && !causeIdentified.holds();
    }

    /**
     * A cerclage placed in this pregnancy, one recorded in situ, or an abdominal cerclage not removed
     * since it was placed, in this pregnancy or before it: it stays (clinical rules §8 R20).
     */
    boolean cerclageThisPregnancy() {
        var start = facts.pregnancy().start(facts.evaluationDate());
        boolean placed = facts.chart().procedures(ProcedureKind.CERCLAGE).stream()
                .anyMatch(p -> start.isEmpty()
                        || p.date().filter(d -> !d.isBefore(start.get())).isPresent());
        return placed
                || facts.chart().hasActiveProblem(ProblemKind.CERCLAGE_IN_SITU)
                || !Rpl24CerclageRemoval.abdominal(facts).isEmpty();
    }

    private static boolean rpl(ObstetricHistory history, GuidelineProfile profile, boolean[] orderUnknown) {
        if (history.rplAsserted()) {
            return true;
        }
        if (history.lossCount() < profile.minLosses()) {
            return false;
        }
        if (!profile.requireConsecutive()) {
            return true;
        }
        Optional<Integer> run = history.consecutiveRun();
        if (run.isEmpty()) {
            // The losses are enough in number but cannot be put in order: a possible RPL.
            orderUnknown[0] = true;
            return true;
        }
        return run.get() >= profile.minLosses();
    }

    /** Thyroid, APS, uterine, chromosomal, uncontrolled diabetes or cervical causes (§3.3). */
    private static Fact cause(Chart chart, Thresholds limits, Thyroid thyroid, Fact apsConfirmed) {
        List<Evidence> causes = new ArrayList<>(apsConfirmed.evidence());
        if (thyroid.dysfunction()) {
            causes.add(thyroid.tsh().orElseThrow().evidence());
        }
        for (ProblemKind kind : List.of(
                ProblemKind.MULLERIAN_ANOMALY,
                ProblemKind.SUBMUCOUS_FIBROID,
                ProblemKind.INTRAUTERINE_ADHESIONS,
                ProblemKind.BALANCED_TRANSLOCATION,
                ProblemKind.CERVICAL_INSUFFICIENCY)) {
            chart.problems(kind).stream().map(Problem::evidence).forEach(causes::add);
        }
        if (chart.hasActiveProblem(ProblemKind.DIABETES)) {
            chart.latestValue(Analyte.HBA1C)
                    .filter(r ->
                            r.value().orElseThrow().compareTo(limits.diabetes().hba1cTarget()) > 0)
                    .ifPresent(r -> causes.add(r.evidence()));
        }
        boolean holds = apsConfirmed.holds() || !causes.isEmpty();
        return Fact.when(holds, causes);
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
                    .filter(v -> v.compareTo(limits.apl().aclPositive()) > 0)
                    .isPresent();
            case BETA2_GLYCOPROTEIN -> result.value()
                    .flatMap(v -> result.high().map(h -> v.compareTo(h) > 0))
                    .orElse(false);
            default -> false;
        };
    }

    private static Stream<Evidence> evidence(List<LabResult> results) {
        return results.stream().map(LabResult::evidence);
    }

    private static Stream<Evidence> procedures(Chart chart, ProcedureKind kind) {
        return chart.procedures(kind).stream().map(PerformedProcedure::evidence);
    }

    /** The date a result must be on or after to be recent (clinical rules §8 R4). */
    static LocalDate recentSince(PatientFacts facts, Thresholds limits) {
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
}
