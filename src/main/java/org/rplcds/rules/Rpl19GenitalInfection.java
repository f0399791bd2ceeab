package org.rplcds.rules;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.rplcds.facts.Analyte;
import org.rplcds.facts.Chart;
import org.rplcds.facts.Drug;
import org.rplcds.facts.Evidence;
import org.rplcds.facts.Interpretation;
import org.rplcds.facts.LabResult;
import org.rplcds.facts.PatientFacts;
import org.rplcds.facts.Problem;
import org.rplcds.facts.ProblemKind;
import org.rplcds.facts.RequestStatus;

/**
 * RPL-19 Untreated genital infection, per organism.
 *
 * <p><b>Guideline:</b> CDC STI treatment guidelines 2021: chlamydia in pregnancy, azithromycin 1 g
 * once and a test of cure about 4 weeks later; outside pregnancy, doxycycline 100 mg twice daily for
 * 7 days; gonorrhoea, ceftriaxone 500 mg intramuscularly once and a chlamydia test; partners are
 * notified and treated. Bacterial vaginosis is treated when symptomatic (metronidazole 500 mg twice
 * daily for 7 days); partner treatment is not recommended. Mycoplasma genitalium is treated guided
 * by macrolide resistance; M. hominis and Ureaplasma are not treated. Routine infection screening
 * in RPL is not recommended (ESHRE 2022).
 *
 * <p><b>When</b> she is pregnant or has RPL, and within the last year a chlamydia, gonorrhoea or M.
 * genitalium test is positive or such an infection (or an STI complicating pregnancy) is an active
 * diagnosis, or bacterial vaginosis is diagnosed, or a positive bacterial vaginosis test comes with
 * a recorded vaginal symptom; and it is untreated: no antibiotic prescribed (active or completed) on
 * or after the result or diagnosis, and no later negative test for the same organism. <b>Then</b> one
 * card, led by the first organism of chlamydia, gonorrhoea, M. genitalium, bacterial vaginosis, with
 * that organism's treatment (and the others' beside it): a warning for chlamydia, gonorrhoea or an
 * STI in pregnancy, an info card for M. genitalium and bacterial vaginosis. <b>Not when</b> the only
 * finding is a bacterial vaginosis test without a diagnosis or symptom, or a M. hominis, Ureaplasma
 * or unspecified mycoplasma result or diagnosis; never for the absence of a screen.
 *
 * <p><b>Source:</b> source text; CDC STI treatment guidelines (2021).
 */
final class Rpl19GenitalInfection extends Rule {

    static final int WINDOW_DAYS = 365;
    /** A vaginal symptom this close to a positive bacterial vaginosis test goes with it. */
    static final int SYMPTOM_DAYS = 14;
    /** CDC 2021: a test of cure about 4 weeks after treatment of chlamydia in pregnancy. */
    static final int TEST_OF_CURE_DAYS = 28;
    /** Prescriptions that show treatment: a draft is a proposal and a stopped one was not taken. */
    private static final Set<RequestStatus> TREATED = Set.of(RequestStatus.ACTIVE, RequestStatus.COMPLETED);

    private static final Concept PARTNER_NOTIFICATION = SuggestedCodes.text("Partner notification and treatment");

    /** The infections the card speaks of, in the order it names them first. */
    enum Organism {
        CHLAMYDIA("Chlamydia", Optional.of(ProblemKind.CHLAMYDIA), Optional.of(Analyte.CHLAMYDIA), Indicator.WARNING),
        GONORRHOEA(
                "Gonorrhoea", Optional.of(ProblemKind.GONORRHOEA), Optional.of(Analyte.GONORRHOEA), Indicator.WARNING),
        MYCOPLASMA_GENITALIUM(
                "Mycoplasma genitalium", Optional.empty(), Optional.of(Analyte.MYCOPLASMA_GENITALIUM), Indicator.INFO),
        BACTERIAL_VAGINOSIS(
                "Bacterial vaginosis",
                Optional.of(ProblemKind.BACTERIAL_VAGINOSIS),
                Optional.of(Analyte.BACTERIAL_VAGINOSIS),
                Indicator.INFO),
        /** An STI complicating pregnancy names no one organism and has no test. */
        STI_IN_PREGNANCY(
                "Sexually transmitted infection in pregnancy",
                Optional.of(ProblemKind.STI_IN_PREGNANCY),
                Optional.empty(),
                Indicator.WARNING);

        private final String label;
        private final Optional<ProblemKind> diagnosis;
        private final Optional<Analyte> test;
        private final Indicator indicator;

        Organism(String label, Optional<ProblemKind> diagnosis, Optional<Analyte> test, Indicator indicator) {
            this.label = label;
            this.diagnosis = diagnosis;
            this.test = test;
            this.indicator = indicator;
        }
    }

    Rpl19GenitalInfection() {
        super("RPL-19", "Genital infection", Citation.SOURCE_TEXT, Citation.CDC_STI_2021);
    }

    private record Infection(Organism organism, LocalDate date, Evidence evidence) {}

    @Override
    boolean inclusion(Assessment assessment) {
        return (assessment.pregnant() || assessment.rpl())
                && !untreated(assessment.facts()).isEmpty();
    }

    @Override
    boolean exclusion(Assessment assessment) {
        return false;
    }

    /** Infections of the last year without treatment or a later negative test, by organism then latest first. */
    private static List<Infection> untreated(PatientFacts facts) {
        Chart chart = facts.chart();
        LocalDate since = facts.evaluationDate().minusDays(WINDOW_DAYS);
        List<Infection> infections = new ArrayList<>();
        for (Organism organism : Organism.values()) {
            organism.test.ifPresent(analyte -> chart.results(analyte).stream()
                    .filter(r -> r.interpretation() == Interpretation.POSITIVE
                            && !r.date().isBefore(since))
                    // A bacterial vaginosis test alone is no reason to treat: only with a symptom.
                    .filter(r -> organism != Organism.BACTERIAL_VAGINOSIS || symptomatic(chart, r))
                    .forEach(r -> infections.add(new Infection(organism, r.date(), r.evidence()))));
            organism.diagnosis.ifPresent(kind -> chart.problems(kind).stream()
                    .filter(Problem::active)
                    .filter(p -> p.date().filter(d -> !d.isBefore(since)).isPresent())
                    .forEach(
                            p -> infections.add(new Infection(organism, p.date().get(), p.evidence()))));
        }
        return infections.stream()
                .filter(i -> chart.medications(Drug.ANTIBIOTIC).stream()
                        .noneMatch(m -> TREATED.contains(m.status())
                                && m.authored()
                                        .filter(d -> !d.isBefore(i.date()))
                                        .isPresent()))
                .filter(i -> i.organism().test.isEmpty()
                        || chart.results(i.organism().test.get()).stream()
                                .noneMatch(r ->
                                        r.date().isAfter(i.date()) && r.interpretation() == Interpretation.NEGATIVE))
                .sorted(Comparator.comparing(Infection::organism)
                        .thenComparing(Comparator.comparing(Infection::date).reversed()))
                .toList();
    }

    /** A vaginal symptom or vaginitis active, or recorded within two weeks of the test. */
    private static boolean symptomatic(Chart chart, LabResult test) {
        return chart.problems(ProblemKind.VAGINAL_SYMPTOM).stream()
                .anyMatch(p -> p.active()
                        || p.date()
                                .filter(d -> Math.abs(ChronoUnit.DAYS.between(d, test.date())) <= SYMPTOM_DAYS)
                                .isPresent());
    }

    @Override
    Finding card(Assessment assessment) {
        PatientFacts facts = assessment.facts();
        List<Infection> untreated = untreated(facts);
        Infection first = untreated.get(0);
        List<Organism> organisms =
                untreated.stream().map(Infection::organism).distinct().toList();
        // Each organism's advice once, the first organism's first; the partner is notified once.
        Map<String, ProposedAction> actions = new LinkedHashMap<>();
        Detail detail = new Detail()
                .evidence(
                        "Untreated infections",
                        untreated.stream().map(Infection::evidence).toList());
        for (Organism organism : organisms) {
            for (ProposedAction action : actions(assessment, organism, organisms)) {
                actions.putIfAbsent(action.label(), action);
            }
            detail = detail.text(advice(assessment, organism));
        }
        Indicator indicator = organisms.stream()
                .map(o -> o.indicator)
                .max(Comparator.naturalOrder())
                .orElseThrow();
        return finding(
                assessment,
                indicator,
                summary(assessment, first),
                detail.text("No antibiotic is prescribed on or after these dates, and no later negative test is on"
                        + " record."),
                List.copyOf(actions.values()));
    }

    private static String summary(Assessment assessment, Infection first) {
        String pregnancy = assessment.pregnant()
                ? ", pregnant at " + assessment.facts().pregnancy().gestation()
                : "";
        String positive = first.organism().label + " positive on " + first.date() + pregnancy + ", untreated. ";
        return switch (first.organism()) {
            case CHLAMYDIA -> assessment.pregnant()
                    ? positive + "Azithromycin 1 g once; notify partner; test of cure in 4 weeks."
                    : positive + "Doxycycline 100 mg twice daily for 7 days; notify partner.";
            case GONORRHOEA -> positive + "Ceftriaxone 500 mg IM once; notify partner; test for chlamydia.";
            case MYCOPLASMA_GENITALIUM -> positive + "Treat guided by macrolide resistance; notify partner.";
            case BACTERIAL_VAGINOSIS -> "Bacterial vaginosis on " + first.date()
                    + ": treat if symptomatic (metronidazole). Partner treatment is not recommended.";
            case STI_IN_PREGNANCY -> "Sexually transmitted infection in pregnancy on " + first.date()
                    + ", untreated. Name the organism and treat it; notify partner.";
        };
    }

    private static List<ProposedAction> actions(Assessment assessment, Organism organism, List<Organism> all) {
        ProposedAction partner = ProposedAction.order("Notify and treat partner", PARTNER_NOTIFICATION);
        LocalDate today = assessment.facts().evaluationDate();
        return switch (organism) {
            case CHLAMYDIA -> assessment.pregnant()
                    ? List.of(
                            ProposedAction.prescription(
                                    "Prescribe azithromycin 1 g once",
                                    SuggestedCodes.AZITHROMYCIN,
                                    "1 g orally, single dose",
                                    Optional.empty()),
                            partner,
                            ProposedAction.order(
                                            "Order chlamydia test of cure in 4 weeks",
                                            SuggestedCodes.CHLAMYDIA_TEST,
                                            "Test of cure 4 weeks after treatment in pregnancy")
                                    .notBefore(today.plusDays(TEST_OF_CURE_DAYS)))
                    : List.of(
                            ProposedAction.prescription(
                                    "Prescribe doxycycline for 7 days",
                                    SuggestedCodes.DOXYCYCLINE,
                                    "100 mg orally twice daily for 7 days",
                                    Optional.empty()),
                            partner);
            case GONORRHOEA -> {
                List<ProposedAction> gonorrhoea = new ArrayList<>(List.of(
                        ProposedAction.prescription(
                                "Prescribe ceftriaxone 500 mg IM once",
                                SuggestedCodes.CEFTRIAXONE,
                                "500 mg intramuscularly, single dose",
                                Optional.empty()),
                        partner));
                if (!all.contains(Organism.CHLAMYDIA)) {
                    gonorrhoea.add(ProposedAction.order(
                            "Order chlamydia test",
                            SuggestedCodes.CHLAMYDIA_TEST,
                            "Test for chlamydia with gonorrhoea"));
                }
                yield gonorrhoea;
            }
            case MYCOPLASMA_GENITALIUM, STI_IN_PREGNANCY -> List.of(partner);
            case BACTERIAL_VAGINOSIS -> List.of(ProposedAction.prescription(
                    "Prescribe metronidazole for 7 days if symptomatic",
                    SuggestedCodes.METRONIDAZOLE,
                    "500 mg orally twice daily for 7 days",
                    Optional.empty()));
        };
    }

    private static String advice(Assessment assessment, Organism organism) {
        return switch (organism) {
            case CHLAMYDIA -> assessment.pregnant()
                    ? "Chlamydia in pregnancy: azithromycin 1 g orally once, not doxycycline; test of cure 4 weeks"
                            + " after treatment; notify and treat the partner (CDC 2021)."
                    : "Chlamydia: doxycycline 100 mg orally twice daily for 7 days; notify and treat the partner"
                            + " (CDC 2021).";
            case GONORRHOEA -> "Gonorrhoea: ceftriaxone 500 mg intramuscularly once; notify and treat the partner;"
                    + " test for chlamydia (CDC 2021).";
            case MYCOPLASMA_GENITALIUM -> "Mycoplasma genitalium: treatment guided by macrolide-resistance testing"
                    + " (CDC 2021); moxifloxacin is avoided in pregnancy. M. hominis and Ureaplasma need no"
                    + " treatment.";
            case BACTERIAL_VAGINOSIS -> "Bacterial vaginosis: metronidazole 500 mg orally twice daily for 7 days"
                    + " when symptomatic (CDC 2021).";
            case STI_IN_PREGNANCY -> "A sexually transmitted infection complicating pregnancy is recorded without an"
                    + " organism: name it to choose the treatment.";
        };
    }
}
