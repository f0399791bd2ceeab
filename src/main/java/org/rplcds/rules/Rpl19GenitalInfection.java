package org.rplcds.rules;

import java.time.LocalDate;
import java.util.ArrayList;
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
 * RPL-19: untreated genital infection.
 *
 * <p>When the patient is pregnant or has RPL, and a chlamydia, gonorrhoea, mycoplasma or bacterial
 * vaginosis test is positive, or such an infection (or an STI complicating pregnancy) is an active
 * diagnosis, within the last year. Then a warning to treat per susceptibility, treat the partner,
 * and use condoms until cured. Routine infection screening is not suggested: only a positive
 * result or an active diagnosis fires the card.
 *
 * <p>Not when an antibiotic is prescribed (active or completed) on or after the result or
 * diagnosis, or a later test for the same organism is negative.
 *
 * <p>Source: source text; CDC STI guidelines.
 */
public final class Rpl19GenitalInfection implements Recommendation {

    public static final String ID = "RPL-19";
    static final Citation SOURCE =
            new Citation("Source text; CDC STI treatment guidelines (2021)", Citation.CDC_STI_2021.url());
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

    @Override
    public String id() {
        return ID;
    }

    private record Infection(
            String organism, LocalDate date, Optional<Analyte> test, Evidence evidence, Optional<LabResult> result) {}

    @Override
    public Optional<Finding> evaluate(Assessment assessment) {
        PatientFacts facts = assessment.facts();
        GuidelineProfile profile = assessment.profile();
        if (!assessment.pregnant() && !assessment.rpl()) {
            return Optional.empty();
        }
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
        List<Infection> untreated = infections.stream()
                .filter(i -> chart.medications(Drug.ANTIBIOTIC).stream()
                        .noneMatch(m -> TREATED.contains(m.status())
                                && m.authored()
                                        .filter(d -> !d.isBefore(i.date()))
                                        .isPresent()))
                .filter(i -> i.test().isEmpty()
                        || chart.results(i.test().get()).stream()
                                .noneMatch(r ->
                                        r.date().isAfter(i.date()) && r.interpretation() == Interpretation.NEGATIVE))
                .sorted(java.util.Comparator.comparing(Infection::date).reversed())
                .toList();
        if (untreated.isEmpty()) {
            return Optional.empty();
        }
        Infection latest = untreated.get(0);
        List<ProposedAction> actions =
                untreated.stream().anyMatch(i -> i.organism().equals("chlamydia"))
                        ? List.of(ProposedAction.order(
                                "Order chlamydia test of cure",
                                SuggestedCodes.CHLAMYDIA_TEST,
                                "Test of cure about 4 weeks after treatment in pregnancy"))
                        : List.of();
        String kindWord = latest.result().isPresent() ? "result" : "diagnosis";
        return Optional.of(new Finding(
                ID,
                "Genital infection",
                Indicator.WARNING,
                "Positive " + latest.organism() + " " + kindWord + " on " + latest.date()
                        + " not treated. Treat per susceptibility; treat partner; condoms until cured.",
                new Detail()
                        .evidence(
                                "Untreated infections",
                                untreated.stream().map(Infection::evidence).toList())
                        .text(
                                "No antibiotic is prescribed on or after these dates, and no later negative test is on record.")
                        .sources("Source text; CDC STI treatment guidelines (2021)"),
                SOURCE,
                actions));
    }
}
