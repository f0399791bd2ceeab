package org.rplcds.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.rplcds.facts.Analyte;
import org.rplcds.facts.LabResult;
import org.rplcds.facts.PatientFacts;

/**
 * RPL-03 Thyroid work-up.
 *
 * <p><b>Guideline:</b> ESHRE 2022 screens TSH and TPO antibodies, free T4 when TSH is abnormal;
 * RCOG 2023 tests thyroid function; the source text's "basal metabolism, serum T3 and T4" is
 * obsolete (clinical rules 1.2).
 *
 * <p><b>When</b> RPL is identified without a recent TSH (within 12 months and, in pregnancy, in this
 * pregnancy: clinical rules 8 R4) or without TPO antibodies ever. <b>Then</b> an info card suggests
 * the missing tests of TSH, free T4 and TPO antibodies; an old abnormal TSH is named, to be
 * repeated. <b>Not when</b> the missing TSH and TPO antibodies are ordered.
 *
 * <p><b>Source:</b> ESHRE 2022; RCOG 2023.
 */
final class Rpl03ThyroidWorkUp extends Rule implements WorkUpPart {

    static final String NAME = "Thyroid: TSH and TPO antibodies";

    private static final Map<Analyte, Concept> ORDERS = Map.of(
            Analyte.TSH,
            SuggestedCodes.TSH,
            Analyte.FREE_T4,
            SuggestedCodes.FREE_T4,
            Analyte.TPO_ANTIBODY,
            SuggestedCodes.TPO_ANTIBODY);

    Rpl03ThyroidWorkUp() {
        super(
                "RPL-03",
                "Thyroid work-up",
                new Citation("ESHRE 2022; RCOG Green-top Guideline No. 17 (2023)", Citation.ESHRE_2022.url()));
    }

    @Override
    boolean inclusion(Assessment assessment) {
        return assessment.rpl() && !assessment.thyroidTested().holds();
    }

    /** What is missing of TSH and TPO antibodies is ordered. */
    @Override
    boolean exclusion(Assessment assessment) {
        var chart = assessment.facts().chart();
        Set<Analyte> missing = assessment.thyroid().missing();
        return (!missing.contains(Analyte.TSH) || chart.ordered(Analyte.TSH))
                && (!missing.contains(Analyte.TPO_ANTIBODY) || chart.ordered(Analyte.TPO_ANTIBODY));
    }

    @Override
    public WorkUpItem item(Assessment assessment) {
        if (assessment.thyroidTested().holds()) {
            Thyroid thyroid = assessment.thyroid();
            List<LabResult> results = Stream.concat(thyroid.tsh().stream(), thyroid.tpo().stream())
                    .toList();
            return WorkUpItem.done(
                    NAME,
                    "TSH/TPO",
                    "",
                    WorkUpItem.shown(results, assessment.thyroidTested().evidence()));
        }
        List<Analyte> missing = missing(assessment);
        if (!inclusion(assessment) || exclusion(assessment)) {
            var orders = WorkUpItem.orders(
                    assessment.facts().chart(), assessment.thyroid().missing(), Set.of());
            return WorkUpItem.ordered(NAME, "TSH/TPO", orders);
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
            notes.add(String.join(" and ", recent) + " none " + window(assessment));
        }
        if (missing.contains(Analyte.TPO_ANTIBODY)) {
            notes.add(Analyte.TPO_ANTIBODY.label() + " never tested");
        }
        String note = String.join("; ", notes);
        return WorkUpItem.toDo(
                NAME, todo, stale(assessment).map(old -> note + "; " + old).orElse(note));
    }

    /** TSH, free T4 and TPO antibodies, those missing and not ordered. */
    private static List<Analyte> missing(Assessment assessment) {
        List<Analyte> missing = new ArrayList<>();
        for (Analyte analyte : List.of(Analyte.TSH, Analyte.FREE_T4, Analyte.TPO_ANTIBODY)) {
            if (assessment.thyroid().missing().contains(analyte)
                    && !assessment.facts().chart().ordered(analyte)) {
                missing.add(analyte);
            }
        }
        return missing;
    }

    private static String window(Assessment assessment) {
        return assessment.pregnant()
                ? "in this pregnancy"
                : "in the last " + assessment.profile().thresholds().thyroid().testMonths() + " months";
    }

    /** Clinical rules 8 R4: an old abnormal TSH is named, and repeated before anyone treats on it. */
    private static Optional<String> stale(Assessment assessment) {
        Thyroid thyroid = assessment.thyroid();
        if (!thyroid.staleAbnormal()) {
            return Optional.empty();
        }
        PatientFacts facts = assessment.facts();
        LabResult old = thyroid.staleTsh().orElseThrow();
        boolean beforePregnancy = facts.pregnancy().pregnant()
                && facts.pregnancy()
                        .start(facts.evaluationDate())
                        .filter(start -> old.date().isBefore(start))
                        .isPresent();
        return Optional.of("TSH "
                + Quantities.value(old, assessment.presentation().units()) + " on " + old.date() + ", "
                + (beforePregnancy
                        ? "before this pregnancy"
                        : "more than "
                                + assessment.profile().thresholds().thyroid().testMonths() + " months ago")
                + ": repeat.");
    }

    @Override
    Finding card(Assessment assessment) {
        PatientFacts facts = assessment.facts();
        List<ProposedAction> actions = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (Analyte analyte : missing(assessment)) {
            actions.add(ProposedAction.order("Order " + analyte.label(), ORDERS.get(analyte)));
            missing.add(analyte.label());
        }
        Detail detail = new Detail()
                .lead(
                        "Not on record " + window(assessment) + " (TSH, free T4) or ever (TPO antibodies):",
                        String.join(", ", missing) + ".");
        Optional<String> stale = stale(assessment);
        if (stale.isPresent()) {
            detail = detail.lead(stale.get(), "");
        }
        Detail sources = detail.results(
                        "Earlier thyroid results",
                        facts.chart().labs().stream()
                                .filter(r -> ORDERS.containsKey(r.analyte()))
                                .toList())
                .text("Thyroid dysfunction and thyroid autoimmunity are screened in women with RPL; T3 and basal"
                        + " metabolic rate add nothing.");
        return finding(
                assessment,
                Indicator.INFO,
                "RPL without recent TSH/TPO antibodies. Order TSH, free T4 and TPO antibodies.",
                sources,
                actions);
    }
}
