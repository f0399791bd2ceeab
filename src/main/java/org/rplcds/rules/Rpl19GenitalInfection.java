package org.rplcds.rules;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
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
    /**
     * The infections looked for, each once: its name on the card, the diagnosis that names it, and
     * the test that finds it, whose later negative result shows it cured. An STI complicating
     * pregnancy names no one organism and has no test.
     */
    private static final List<Organism> ORGANISMS = List.of(
            new Organism("chlamydia", ProblemKind.CHLAMYDIA, Optional.of(Analyte.CHLAMYDIA)),
            new Organism("gonorrhoea", ProblemKind.GONORRHOEA, Optional.of(Analyte.GONORRHOEA)),
            new Organism("mycoplasma", ProblemKind.MYCOPLASMA, Optional.of(Analyte.MYCOPLASMA)),
            new Organism(
                    "bacterial vaginosis", ProblemKind.BACTERIAL_VAGINOSIS, Optional.of(Analyte.BACTERIAL_VAGINOSIS)),
            new Organism("sexually transmitted infection", ProblemKind.STI_IN_PREGNANCY, Optional.empty()));
    /** Prescriptions that show treatment: a draft is a proposal and a stopped one was not taken. */
    private static final Set<RequestStatus> TREATED = Set.of(RequestStatus.ACTIVE, RequestStatus.COMPLETED);

    Rpl19GenitalInfection() {
        super("RPL-19", "Genital infection", Citation.SOURCE_TEXT, Citation.CDC_STI_2021);
    }

    private record Organism(String name, ProblemKind diagnosis, Optional<Analyte> test) {}

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
        for (Organism organism : ORGANISMS) {
            organism.test().ifPresent(analyte -> chart.results(analyte).stream()
                    .filter(r -> r.interpretation() == Interpretation.POSITIVE
                            && !r.date().isBefore(since))
                    .forEach(r -> infections.add(new Infection(
                            organism.name(), r.date(), Optional.of(analyte), r.evidence(), Optional.of(r)))));
        }
        for (Organism organism : ORGANISMS) {
            chart.problems(organism.diagnosis()).stream()
                    .filter(Problem::active)
                    .filter(p -> p.date().filter(d -> !d.isBefore(since)).isPresent())
                    .forEach(p -> infections.add(new Infection(
                            organism.name(), p.date().get(), organism.test(), p.evidence(), Optional.empty())));
        }
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
