package org.rplcds.rules.derived;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.rplcds.facts.Analyte;
import org.rplcds.facts.Chart;
import org.rplcds.facts.Evidence;
import org.rplcds.facts.Interpretation;
import org.rplcds.facts.LabResult;
import org.rplcds.facts.Order;
import org.rplcds.facts.PatientFacts;
import org.rplcds.facts.Problem;
import org.rplcds.facts.ProblemKind;
import org.rplcds.facts.ProcedureKind;
import org.rplcds.rules.GuidelineProfile;
import org.rplcds.rules.KaryotypePolicy;
import org.rplcds.rules.Presentation;
import org.rplcds.rules.Quantities;
import org.rplcds.rules.UterineTest;
import org.rplcds.rules.WorkUpItem;

/**
 * The RPL evaluation, decided once per call: where each of its four parts stands. RPL-02,
 * 03, 05 and 08 give their card when their item is {@link WorkUpItem#offered}; the evaluation card
 * lists the items; RPL-01 stands back when none is to do. The parts are read for a patient with RPL;
 * RPL-05's item also for a second-trimester or late loss.
 *
 * @param karyotype RPL-02: the parental karyotype
 * @param thyroid RPL-03: TSH and TPO antibodies
 * @param antiphospholipid RPL-05: lupus anticoagulant, anticardiolipin, anti-β2GPI
 * @param uterus RPL-08: the uterine cavity assessment
 * @param thyroidUnordered TSH, free T4 (unless by reflex) and TPO antibodies, those missing and not
 *     ordered
 * @param thyroidWindow when a TSH or free T4 counts as recent, in words: {@code in this pregnancy}
 * @param staleTsh an old abnormal TSH named, to be repeated before anyone treats on it
 * @param lupusAnticoagulantPlanned lupus anticoagulant resulted or ordered
 * @param anticardiolipinPlanned each anticardiolipin isotype resulted or ordered
 * @param deferred pregnant at {@code workup.defer-from-weeks} (14+0) or later: the evaluation waits
 *     for the end of the pregnancy, its missing items "after this pregnancy" (no evaluation card,
 *     no card of RPL-05 alone)
 */
public record WorkUp(
        WorkUpItem karyotype,
        WorkUpItem thyroid,
        WorkUpItem antiphospholipid,
        WorkUpItem uterus,
        List<Analyte> thyroidUnordered,
        String thyroidWindow,
        Optional<String> staleTsh,
        boolean lupusAnticoagulantPlanned,
        boolean anticardiolipinPlanned,
        boolean deferred) {

    static final String KARYOTYPE = "Parental karyotype";
    static final String THYROID = "Thyroid: TSH and TPO antibodies";
    static final String ANTIPHOSPHOLIPID =
            "Antiphospholipid antibodies: lupus anticoagulant, anticardiolipin, anti-β2GPI";
    static final String UTERUS = "Uterine cavity assessment";

    /**
     * RCOG Green-top Guideline No. 17 (2023): cytogenetic testing of the pregnancy tissue of the
     * third and later miscarriages, parental karyotypes when it shows an unbalanced structural
     * abnormality.
     */
    static final String TISSUE_FIRST = "Pregnancy tissue: send for cytogenetics at the next miscarriage; parental"
            + " karyotype only if it shows an unbalanced structural abnormality or no tissue can be tested.";

    static final String AFTER_THIS_PREGNANCY = "after this pregnancy";

    /** The checklist, in rule order. */
    public List<WorkUpItem> items() {
        return List.of(karyotype, thyroid, antiphospholipid, uterus);
    }

    /** Any part still to do. */
    public boolean anyToDo() {
        return items().stream().anyMatch(WorkUpItem::stillToDo);
    }

    static WorkUp of(
            PatientFacts facts,
            GuidelineProfile profile,
            Presentation presentation,
            Thyroid thyroid,
            Fact thyroidTested,
            Fact aplTested,
            Fact apsConfirmed,
            Fact karyotypeDone,
            Fact uterusAssessed) {
        Chart chart = facts.chart();
        boolean pregnant = facts.pregnancy().pregnant();
        String window = pregnant
                ? "in this pregnancy"
                : "in the last " + profile.thresholds().thyroid().testMonths() + " months";
        List<Analyte> unordered = unordered(chart, thyroid, profile);
        Optional<String> stale = stale(facts, profile, presentation, thyroid);
        boolean lupus = chart.resulted(Analyte.LUPUS_ANTICOAGULANT) || chart.ordered(Analyte.LUPUS_ANTICOAGULANT);
        boolean anticardiolipin = anticardiolipinPlanned(chart);
        // From 14+0 only what changes this pregnancy was worth asking, and its time has passed.
        boolean deferred = pregnant
                && facts.pregnancy()
                        .gestationalAgeDays()
                        .filter(days -> days >= profile.thresholds().workup().deferFromDays())
                        .isPresent();
        return new WorkUp(
                karyotype(chart, profile, pregnant, karyotypeDone),
                deferred(
                        thyroid(
                                chart,
                                thyroid,
                                thyroidTested,
                                unordered,
                                window,
                                stale,
                                tpoNote(facts, presentation, thyroid)),
                        deferred),
                deferred(antiphospholipid(chart, profile, aplTested, apsConfirmed, lupus && anticardiolipin), deferred),
                uterus(chart, profile, pregnant, uterusAssessed),
                unordered,
                window,
                stale,
                lupus,
                anticardiolipin,
                deferred);
    }

    /** An item still to do waits for the end of the pregnancy once the evaluation is deferred. */
    private static WorkUpItem deferred(WorkUpItem item, boolean deferred) {
        return deferred && item.stillToDo() ? WorkUpItem.later(item.name(), item.todo(), AFTER_THIS_PREGNANCY) : item;
    }

    private static WorkUpItem karyotype(Chart chart, GuidelineProfile profile, boolean pregnant, Fact done) {
        String todo = "karyotype";
        List<Problem> rearrangements = chart.problems(ProblemKind.BALANCED_TRANSLOCATION);
        if (!rearrangements.isEmpty()) {
            return new WorkUpItem(
                    KARYOTYPE,
                    todo,
                    WorkUpItem.Status.NOT_NEEDED,
                    "chromosomal rearrangement on record",
                    rearrangements.stream().map(Problem::evidence).toList());
        }
        if (done.holds()) {
            // "done 2023-03-01, 46,XX": the result itself, not only that it was done.
            return WorkUpItem.done(
                    KARYOTYPE, todo, "", shown(chart.results(Analyte.KARYOTYPE), done.evidence(), false));
        }
        var orders = orders(chart, Set.of(Analyte.KARYOTYPE), Set.of(ProcedureKind.KARYOTYPE));
        if (!orders.isEmpty()) {
            return WorkUpItem.ordered(KARYOTYPE, todo, orders);
        }
        if (pregnant) {
            return WorkUpItem.later(KARYOTYPE, todo, AFTER_THIS_PREGNANCY);
        }
        if (profile.karyotypePolicy() == KaryotypePolicy.POC_FIRST) {
            // Tissue first: the parents only after a tissue result shows an unbalanced structural abnormality.
            List<LabResult> unbalanced = chart.results(Analyte.TISSUE_KARYOTYPE).stream()
                    .filter(r -> r.interpretation() == Interpretation.ABNORMAL)
                    .toList();
            if (unbalanced.isEmpty()) {
                return WorkUpItem.later(KARYOTYPE, todo, TISSUE_FIRST);
            }
            return new WorkUpItem(
                    KARYOTYPE,
                    todo,
                    WorkUpItem.Status.TO_DO,
                    "the pregnancy tissue shows an unbalanced structural abnormality: karyotype both parents; refer"
                            + " the male partner for his own",
                    unbalanced.stream().map(LabResult::evidence).toList());
        }
        if (profile.karyotypePolicy() == KaryotypePolicy.SELECTIVE) {
            // Offered on RPL-02's card, not recommended; the evaluation waits for the assessment.
            return WorkUpItem.later(
                            KARYOTYPE, todo, "after individual risk assessment (" + profile.label() + ": not routine)")
                    .alsoOffered();
        }
        return WorkUpItem.toDo(KARYOTYPE, todo, "both partners; refer the male partner for his own");
    }

    private static WorkUpItem thyroid(
            Chart chart,
            Thyroid thyroid,
            Fact tested,
            List<Analyte> missing,
            String window,
            Optional<String> stale,
            String tpoNote) {
        if (tested.holds()) {
            List<LabResult> results = Stream.concat(thyroid.tsh().stream(), thyroid.tpo().stream())
                    .toList();
            return WorkUpItem.done(THYROID, "TSH/TPO", tpoNote, shown(results, tested.evidence(), true));
        }
        // What is missing of TSH and TPO antibodies is ordered.
        Set<Analyte> absent = thyroid.missing();
        boolean ordered = (!absent.contains(Analyte.TSH) || chart.ordered(Analyte.TSH))
                && (!absent.contains(Analyte.TPO_ANTIBODY) || chart.ordered(Analyte.TPO_ANTIBODY));
        if (ordered) {
            return WorkUpItem.ordered(THYROID, "TSH/TPO", orders(chart, absent, Set.of()));
        }
        String todo = missing.contains(Analyte.TPO_ANTIBODY)
                ? (missing.contains(Analyte.TSH) ? "TSH/TPO" : "TPO antibodies")
                : "TSH";
        List<String> recent = missing.stream()
                .filter(a -> a != Analyte.TPO_ANTIBODY)
                .map(Analyte::label)
                .toList();
        List<String> notes = new ArrayList<>();
        if (!recent.isEmpty()) {
            notes.add(String.join(" and ", recent) + " none " + window);
        }
        if (missing.contains(Analyte.TPO_ANTIBODY)) {
            notes.add(Analyte.TPO_ANTIBODY.label() + " never tested");
        }
        String note = String.join("; ", notes);
        return WorkUpItem.toDo(
                THYROID, todo, stale.map(old -> note + "; " + old).orElse(note));
    }

    /**
     * TPO antibodies with a high-normal TSH outside pregnancy: no levothyroxine (the TABLET and
     * T4LIFE trials found no gain in live births), and a TSH once she is pregnant; no RPL-04 card
     * says it, the checklist does.
     */
    private static String tpoNote(PatientFacts facts, Presentation presentation, Thyroid thyroid) {
        if (facts.pregnancy().pregnant() || thyroid.category() != Thyroid.Category.TPO_POSITIVE_HIGH_NORMAL) {
            return "";
        }
        return "TSH " + Quantities.value(thyroid.tsh().orElseThrow(), presentation.units())
                + ", TPO antibodies positive: no levothyroxine outside pregnancy (TABLET 2019, T4LIFE 2022);"
                + " check TSH when pregnant";
    }

    /**
     * TSH, free T4 and TPO antibodies, those missing and not ordered; free T4 only where the profile
     * orders it with TSH, not by reflex.
     */
    private static List<Analyte> unordered(Chart chart, Thyroid thyroid, GuidelineProfile profile) {
        List<Analyte> tests = profile.thyroid().freeT4() == GuidelineProfile.ThyroidTests.FreeT4.REFLEX
                ? List.of(Analyte.TSH, Analyte.TPO_ANTIBODY)
                : List.of(Analyte.TSH, Analyte.FREE_T4, Analyte.TPO_ANTIBODY);
        List<Analyte> missing = new ArrayList<>();
        for (Analyte analyte : tests) {
            if (thyroid.missing().contains(analyte) && !chart.ordered(analyte)) {
                missing.add(analyte);
            }
        }
        return missing;
    }

    /** An old abnormal TSH is named, and repeated before anyone treats on it. */
    private static Optional<String> stale(
            PatientFacts facts, GuidelineProfile profile, Presentation presentation, Thyroid thyroid) {
        if (!thyroid.staleAbnormal()) {
            return Optional.empty();
        }
        LabResult old = thyroid.staleTsh().orElseThrow();
        boolean beforePregnancy = facts.pregnancy().pregnant()
                && facts.pregnancy()
                        .start(facts.evaluationDate())
                        .filter(start -> old.date().isBefore(start))
                        .isPresent();
        return Optional.of("TSH "
                + Quantities.value(old, presentation.units()) + " on " + old.date() + ", "
                + (beforePregnancy
                        ? "before this pregnancy"
                        : "more than " + profile.thresholds().thyroid().testMonths() + " months ago")
                + ": repeat.");
    }

    private static WorkUpItem antiphospholipid(
            Chart chart, GuidelineProfile profile, Fact tested, Fact apsConfirmed, boolean planned) {
        String todo = "aPL tests";
        if (tested.holds()) {
            List<LabResult> results = chart.labs().stream()
                    .filter(r -> Antiphospholipid.TESTS.contains(r.analyte()))
                    .toList();
            return WorkUpItem.done(ANTIPHOSPHOLIPID, todo, "", shown(results, tested.evidence(), true));
        }
        if (apsConfirmed.holds()) {
            return WorkUpItem.done(
                    ANTIPHOSPHOLIPID, todo, "antiphospholipid syndrome confirmed", apsConfirmed.evidence());
        }
        if (planned) {
            return WorkUpItem.ordered(ANTIPHOSPHOLIPID, todo, orders(chart, Antiphospholipid.TESTS, Set.of()));
        }
        // Anti-β2GPI is never what keeps the item to do; where optional, the line says so.
        return WorkUpItem.toDo(
                ANTIPHOSPHOLIPID,
                todo,
                profile.apl().beta2gpi() == GuidelineProfile.AplTests.Beta2Gpi.OPTIONAL
                        ? "lupus anticoagulant and anticardiolipin not all on record; anti-β2GPI optional"
                        : "not all on record");
    }

    /** Each isotype resulted or ordered: IgG resulted with IgM pending is in hand. */
    private static boolean anticardiolipinPlanned(Chart chart) {
        return (chart.resulted(Analyte.ANTICARDIOLIPIN_IGG) && chart.resulted(Analyte.ANTICARDIOLIPIN_IGM))
                || chart.resulted(Analyte.ANTICARDIOLIPIN_PANEL)
                || chart.ordered(Analyte.ANTICARDIOLIPIN_PANEL)
                || ((chart.resulted(Analyte.ANTICARDIOLIPIN_IGG) || chart.ordered(Analyte.ANTICARDIOLIPIN_IGG))
                        && (chart.resulted(Analyte.ANTICARDIOLIPIN_IGM) || chart.ordered(Analyte.ANTICARDIOLIPIN_IGM)));
    }

    private static WorkUpItem uterus(Chart chart, GuidelineProfile profile, boolean pregnant, Fact assessed) {
        String todo = "uterine imaging";
        if (assessed.holds()) {
            // A report's conclusion, in its own words.
            return WorkUpItem.done(
                    UTERUS, todo, "", shown(chart.results(Analyte.UTERINE_IMAGING), assessed.evidence(), false));
        }
        var orders = orders(chart, Set.of(Analyte.UTERINE_IMAGING), Set.of());
        if (!orders.isEmpty()) {
            return WorkUpItem.ordered(UTERUS, todo, orders);
        }
        if (pregnant) {
            return WorkUpItem.later(UTERUS, todo, AFTER_THIS_PREGNANCY);
        }
        return WorkUpItem.toDo(UTERUS, todo, UterineTest.preferred(profile).withAlternatives());
    }

    /** The placed orders for any of the tests or procedures. */
    private static List<Evidence> orders(Chart chart, Set<Analyte> tests, Set<ProcedureKind> procedures) {
        return chart.orders().stream()
                .filter(Order::placed)
                .filter(o -> o.tests().stream().anyMatch(tests::contains)
                        || o.procedures().stream().anyMatch(procedures::contains))
                .map(Order::evidence)
                .toList();
    }

    /**
     * A result as a checklist shows it: the value and unit ({@code TSH 2.1 mIU/L}), or what it
     * found ({@code Lupus anticoagulant negative}; a karyotype's {@code 46,XX} and a report's
     * conclusion without the test's name, which the line already gives), with its date and resource.
     */
    private static Evidence result(LabResult result, boolean named) {
        String value = result.value().isPresent()
                ? result.analyte().label() + " " + Quantities.value(result, Presentation.UnitSystem.CONVENTIONAL)
                : (named ? result.analyte().label() + " " : "") + result.shown();
        if (!named && result.value().isEmpty() && result.shown().equals("resulted")) {
            value = result.evidence().description();
        }
        return new Evidence(result.evidence().reference(), value, Optional.of(result.date()));
    }

    /** The results as the checklist shows them, the other entries as they are. */
    private static List<Evidence> shown(List<LabResult> results, List<Evidence> evidence, boolean named) {
        List<Evidence> shown = new ArrayList<>();
        results.forEach(r -> shown.add(result(r, named)));
        Set<String> seen = new HashSet<>();
        shown.forEach(e -> seen.add(e.reference()));
        evidence.stream().filter(e -> seen.add(e.reference())).forEach(shown::add);
        return shown;
    }
}
