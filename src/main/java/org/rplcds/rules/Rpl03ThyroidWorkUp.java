package org.rplcds.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
final class Rpl03ThyroidWorkUp extends Rule {

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
    Finding card(Assessment assessment) {
        PatientFacts facts = assessment.facts();
        GuidelineProfile profile = assessment.profile();
        Thyroid thyroid = assessment.thyroid();
        List<ProposedAction> actions = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (Analyte analyte : List.of(Analyte.TSH, Analyte.FREE_T4, Analyte.TPO_ANTIBODY)) {
            if (thyroid.missing().contains(analyte) && !facts.chart().ordered(analyte)) {
                actions.add(ProposedAction.order("Order " + analyte.label(), ORDERS.get(analyte)));
                missing.add(analyte.label());
            }
        }
        String window = facts.pregnancy().pregnant()
                ? "in this pregnancy"
                : "in the last " + profile.thresholds().thyroidTestMonths() + " months";
        Detail detail = new Detail()
                .lead(
                        "Not on record " + window + " (TSH, free T4) or ever (TPO antibodies):",
                        String.join(", ", missing) + ".");
        if (thyroid.staleAbnormal()) {
            // Clinical rules 8 R4: an old abnormal TSH is named, and repeated before anyone treats on it.
            LabResult old = thyroid.staleTsh().orElseThrow();
            boolean beforePregnancy = facts.pregnancy().pregnant()
                    && facts.pregnancy()
                            .start(facts.evaluationDate())
                            .filter(start -> old.date().isBefore(start))
                            .isPresent();
            detail = detail.lead(
                    "TSH " + Rules.number(old.value().orElseThrow()) + " mIU/L on " + old.date() + ", "
                            + (beforePregnancy
                                    ? "before this pregnancy"
                                    : "more than " + profile.thresholds().thyroidTestMonths() + " months ago")
                            + ": repeat.",
                    "");
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
