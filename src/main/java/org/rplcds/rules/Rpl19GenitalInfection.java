package org.rplcds.rules;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.rplcds.facts.Analyte;
import org.rplcds.facts.Drug;
import org.rplcds.facts.Evidence;
import org.rplcds.facts.Interpretation;
import org.rplcds.facts.LabResult;
import org.rplcds.facts.PatientFacts;
import org.rplcds.facts.Problem;
import org.rplcds.facts.ProblemKind;
import org.rplcds.facts.RequestStatus;

/**
 * RPL-19 Untreated genital infection.
 *
 * <p><b>Guideline:</b> the source text treats genital infection per sensitivity, with condoms during
 * treatment; CDC: treat a positive STI, treat the partner, test of cure in pregnancy. Routine
 * infection screening is not recommended (ESHRE 2022; clinical rules 1.2, 1.3, paraphrased).
 *
 * <p><b>When</b> she is pregnant or has RPL, and a chlamydia, gonorrhoea, mycoplasma or bacterial
 * vaginosis test is positive, or such an infection (or an STI complicating pregnancy) is an active
 * diagnosis, within the last year, and neither is treated: no antibiotic prescribed (active or
 * completed) on or after the result or diagnosis, and no later negative test for the same organism.
 * <b>Then</b> a warning to treat per susceptibility, treat the partner, and use condoms until cured.
 * <b>Not when</b>: no exclusion beyond treatment; only a positive result or an active diagnosis fires
 * the card, never the absence of a screen.
 *
 * <p><b>Source:</b> source text; CDC STI guidelines.
 */
final class Rpl19GenitalInfection extends Rule {

    static final int WINDOW_DAYS = 365;
    private static final Map<Analyte, String> TESTS = Map.of(
            Analyte.CHLAMYDIA, "chlamydia",
            Analyte.GONORRHOEA, "gonorrhoea",
            Analyte.MYCOPLASMA, "mycoplasma",
            Analyte.BACTERIAL_VAGINOSIS, "bacterial vaginosis");
    private static final Map<ProblemKind, String> DIAGNOSES = Map.of(
            ProblemKind.CHLAMYDIA, "chlamydia",
            ProblemKind.GONORRHOEA, "gonorrhoea",
            ProblemKind.MYCOPLASMA, "mycoplasma",
            ProblemKind.BACTERIAL_VAGINOSIS, "bacterial vaginosis",
            ProblemKind.STI_IN_PREGNANCY, "sexually transmitted infection");
    /** The test whose later negative result shows a diagnosed infection cured. */
    private static final Map<ProblemKind, Analyte> DIAGNOSIS_TESTS = Map.of(
            ProblemKind.CHLAMYDIA, Analyte.CHLAMYDIA,
            ProblemKind.GONORRHOEA, Analyte.GONORRHOEA,
            ProblemKind.MYCOPLASMA, Analyte.MYCOPLASMA,
            ProblemKind.BACTERIAL_VAGINOSIS, Analyte.BACTERIAL_VAGINOSIS);
    /** Prescriptions that show treatment: a draft is a proposal and a stopped one was not taken. */
    private static final Set<RequestStatus> TREATED = Set.of(RequestStatus.ACTIVE, RequestStatus.COMPLETED);

    Rpl19GenitalInfection() {
        super(
                "RPL-19",
                "Genital infection",
                new Citation("Source text; CDC STI treatment guidelines (2021)", Citation.CDC_STI_2021.url()));
    }

    private record Infection(
            String organism, LocalDate date, Optional<Analyte> test, Evidence evidence, Optional<LabResult> result) {}

    @Override
    boolean inclusion(Assessment assessment) {
        return (assessment.pregnant() || assessment.rpl())
                && !untreated(assessment.facts()).isEmpty();
    }

    @Override
    boolean exclusion(Assessment assessment) {
        return false;
    }

    /** Infections of the last year without treatment or a later negative test, latest first. */
    private static List<Infection> untreated(PatientFacts facts) {
        var chart = facts.chart();
        LocalDate since = facts.evaluationDate().minusDays(WINDOW_DAYS);
        List<Infection> infections = new ArrayList<>();
        TESTS.forEach((analyte, organism) -> chart.results(analyte).stream()
                .filter(r -> r.interpretation() == Interpretation.POSITIVE
                        && !r.date().isBefore(since))
                .forEach(r -> infections.add(
                        new Infection(organism, r.date(), Optional.of(analyte), r.evidence(), Optional.of(r)))));
        DIAGNOSES.forEach((kind, organism) -> chart.problems(kind).stream()
                .filter(Problem::active)
                .filter(p -> p.date().filter(d -> !d.isBefore(since)).isPresent())
                .forEach(p -> infections.add(new Infection(
                        organism,
                        p.date().get(),
                        Optional.ofNullable(DIAGNOSIS_TESTS.get(kind)),
                        p.evidence(),
                        Optional.empty()))));
        return infections.stream()
                .filter(i -> chart.medications(Drug.ANTIBIOTIC).stream()
                        .noneMatch(m -> TREATED.contains(m.status())
                                && m.authored()
                                        .filter(d -> !d.isBefore(i.date()))
                                        .isPresent()))
                .filter(i -> i.test().isEmpty()
                        || chart.results(i.test().get()).stream()
                                .noneMatch(r ->
                                        r.date().isAfter(i.date()) && r.interpretation() == Interpretation.NEGATIVE))
                .sorted(Comparator.comparing(Infection::date).reversed())
                .toList();
    }

    @Override
    Finding card(Assessment assessment) {
        List<Infection> untreated = untreated(assessment.facts());
        Infection latest = untreated.get(0);
        List<ProposedAction> actions =
                untreated.stream().anyMatch(i -> i.organism().equals("chlamydia"))
                        ? List.of(ProposedAction.order(
                                "Order chlamydia test of cure",
                                SuggestedCodes.CHLAMYDIA_TEST,
                                "Test of cure about 4 weeks after treatment in pregnancy"))
                        : List.of();
        String kindWord = latest.result().isPresent() ? "result" : "diagnosis";
        return finding(
                assessment,
                Indicator.WARNING,
                "Positive " + latest.organism() + " " + kindWord + " on " + latest.date()
                        + " not treated. Treat per susceptibility; treat partner; condoms until cured.",
                new Detail()
                        .evidence(
                                "Untreated infections",
                                untreated.stream().map(Infection::evidence).toList())
                        .text(
                                "No antibiotic is prescribed on or after these dates, and no later negative test is on record."),
                actions);
    }
}
