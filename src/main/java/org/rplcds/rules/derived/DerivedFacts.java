package org.rplcds.rules.derived;

import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.rplcds.facts.Analyte;
import org.rplcds.facts.Chart;
import org.rplcds.facts.Evidence;
import org.rplcds.facts.LabResult;
import org.rplcds.facts.ObstetricHistory;
import org.rplcds.facts.PatientFacts;
import org.rplcds.facts.PerformedProcedure;
import org.rplcds.facts.Problem;
import org.rplcds.facts.ProblemKind;
import org.rplcds.facts.ProcedureKind;
import org.rplcds.rules.GuidelineProfile;
import org.rplcds.rules.KaryotypePolicy;
import org.rplcds.rules.Presentation;
import org.rplcds.rules.Thresholds;

/**
 * The facts derived from the record, computed once per hook call from the patient's facts and the
 * profile, each with the record entries that made it true. Every recommendation reads these; none
 * computes them again. A fact that two recommendations read, or that one reads of another, belongs
 * here.
 *
 * @param rplIdentified the profile's definition of recurrent pregnancy loss is met, or a clinician
 *     recorded RPL
 * @param rplOrderUnknown the profile needs consecutive losses and their order cannot be told
 * @param thyroid the thyroid picture, with the one definition of a recent TSH
 * @param thyroidTested a recent TSH and a TPO antibody result ever
 * @param aplTested lupus anticoagulant and anticardiolipin IgG and IgM resulted ever
 * @param positiveApl antiphospholipid results that are positive
 * @param apsConfirmed APS diagnosed, or the same aPL positive twice far enough apart
 * @param karyotypeDone a karyotype result or procedure on record
 * @param uterusAssessed a uterine cavity assessment, or a uterine anomaly or cavity lesion, on record
 * @param causeIdentified a known cause of pregnancy loss is on record
 * @param workupComplete thyroid, aPL and uterus done; karyotype too unless the policy is selective
 * @param workUp where each part of the RPL evaluation stands
 * @param bleeding early-pregnancy bleeding in this pregnancy: active, or with onset within the window
 * @param cerclage the cervical history and the cerclage of this pregnancy
 * @param bodyWeight the latest body weight of the last 12 months, in kg, read for doses by weight
 * @param thrombosis thrombosis and anticoagulation on record, thrombotic APS among them
 * @param preeclampsiaHighRisk the high-risk factors for pre-eclampsia on record (NICE NG133): RPL-28
 *     offers aspirin for them, and RPL-23 leaves aspirin given for them alone
 */
public record DerivedFacts(
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
        WorkUp workUp,
        List<Evidence> bleeding,
        Cerclage cerclage,
        Optional<LabResult> bodyWeight,
        Thrombosis thrombosis,
        PreeclampsiaRisk preeclampsiaHighRisk) {

    /**
     * The end of early pregnancy for progesterone, 16+0 weeks in days (PRISM; NICE NG126): RPL-10
     * offers it before, RPL-11 asks for its indication before.
     */
    public static final int PROGESTERONE_UNTIL_DAYS = 16 * 7;

    /** A body weight older than this is not used for a dose. */
    static final int BODY_WEIGHT_MAX_AGE_MONTHS = 12;

    /** Diagnoses that can only be made by imaging or seeing the uterine cavity. */
    private static final List<ProblemKind> CAVITY_FINDINGS = List.of(
            ProblemKind.MULLERIAN_ANOMALY,
            ProblemKind.UTERINE_SEPTUM,
            ProblemKind.SUBMUCOUS_FIBROID,
            ProblemKind.INTRAUTERINE_ADHESIONS);

    public DerivedFacts {
        positiveApl = List.copyOf(positiveApl);
        bleeding = List.copyOf(bleeding);
    }

    public static DerivedFacts of(PatientFacts facts, GuidelineProfile profile, Presentation presentation) {
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
                        .filter(r -> Antiphospholipid.TESTS.contains(r.analyte()))
                        .map(LabResult::evidence)
                        .toList());

        List<LabResult> positive = chart.labs().stream()
                .filter(r -> Antiphospholipid.TESTS.contains(r.analyte()) && Antiphospholipid.positive(r, limits))
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
        List<Evidence> apsDiagnoses = chart.activeProblemEvidence(ProblemKind.ANTIPHOSPHOLIPID_SYNDROME);
        Fact apsConfirmed = Fact.when(
                !apsDiagnoses.isEmpty() || !persistent.isEmpty(),
                Stream.concat(apsDiagnoses.stream(), persistent.stream()).toList());

        Fact karyotypeDone = Fact.when(
                chart.resulted(Analyte.KARYOTYPE)
                        || !chart.procedures(ProcedureKind.KARYOTYPE).isEmpty(),
                Stream.concat(evidence(chart.results(Analyte.KARYOTYPE)), procedures(chart, ProcedureKind.KARYOTYPE))
                        .toList());
        // A uterine anomaly or cavity lesion on record means someone imaged the cavity.
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
        WorkUp workUp = WorkUp.of(
                facts,
                profile,
                presentation,
                thyroid,
                thyroidTested,
                aplTested,
                apsConfirmed,
                karyotypeDone,
                uterusAssessed);
        // Selective: the karyotype waits for a risk assessment; tissue first: for an unbalanced tissue result.
        boolean karyotypeAsked = karyotypeDone.holds()
                || profile.karyotypePolicy() == KaryotypePolicy.SELECTIVE
                || (profile.karyotypePolicy() == KaryotypePolicy.POC_FIRST
                        && !workUp.karyotype().stillToDo());
        boolean complete = thyroidTested.holds() && aplTested.holds() && uterusAssessed.holds() && karyotypeAsked;
        Fact workupComplete = Fact.when(
                complete,
                Stream.of(thyroidTested, aplTested, uterusAssessed, karyotypeDone)
                        .flatMap(f -> f.evidence().stream())
                        .toList());

        return new DerivedFacts(
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
                workUp,
                bleeding(facts, profile),
                Cerclage.of(facts, profile),
                chart.latestValue(Analyte.BODY_WEIGHT).filter(r -> !r.date()
                        .isBefore(facts.evaluationDate().minusMonths(BODY_WEIGHT_MAX_AGE_MONTHS))),
                Thrombosis.of(chart, apsConfirmed),
                PreeclampsiaRisk.of(facts, apsConfirmed));
    }

    /** Positive antiphospholipid results on record. */
    public boolean aplPositive() {
        return !positiveApl.isEmpty();
    }

    /** RPL with a complete evaluation, no positive aPL and no cause on record. */
    public boolean unexplained() {
        return rplIdentified.holds() && workupComplete.holds() && !aplPositive() && !causeIdentified.holds();
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

    /** Thyroid, APS, uterine, chromosomal, uncontrolled diabetes or cervical causes. */
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

    /** Early-pregnancy bleeding in this pregnancy: active, or with onset within the window. */
    private static List<Evidence> bleeding(PatientFacts facts, GuidelineProfile profile) {
        var since =
                facts.evaluationDate().minusDays(profile.thresholds().bleeding().windowDays());
        var start = facts.pregnancy().start(facts.evaluationDate());
        return facts.chart().problems(ProblemKind.EARLY_PREGNANCY_BLEEDING).stream()
                .filter(p ->
                        p.date().isEmpty() || start.isEmpty() || !p.date().get().isBefore(start.get()))
                .filter(p ->
                        p.active() || p.date().filter(d -> !d.isBefore(since)).isPresent())
                .map(Problem::evidence)
                .toList();
    }

    private static Stream<Evidence> evidence(List<LabResult> results) {
        return results.stream().map(LabResult::evidence);
    }

    private static Stream<Evidence> procedures(Chart chart, ProcedureKind kind) {
        return chart.procedures(kind).stream().map(PerformedProcedure::evidence);
    }
}
