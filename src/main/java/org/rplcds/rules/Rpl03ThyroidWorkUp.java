package org.rplcds.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.rplcds.facts.Analyte;
import org.rplcds.facts.PatientFacts;
import org.rplcds.rules.derived.WorkUp;

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

    private static final Map<Analyte, Concept> ORDERS = Map.of(
            Analyte.TSH,
            SuggestedCodes.TSH,
            Analyte.FREE_T4,
            SuggestedCodes.FREE_T4,
            Analyte.TPO_ANTIBODY,
            SuggestedCodes.TPO_ANTIBODY);

    Rpl03ThyroidWorkUp() {
        super("RPL-03", "Thyroid work-up", Citation.ESHRE_2022, Citation.RCOG_2023);
    }

    @Override
    boolean inclusion(Assessment assessment) {
        return assessment.rpl();
    }

    @Override
    public WorkUpItem item(WorkUp workUp) {
        return workUp.thyroid();
    }

    /** Tested, or what is missing of TSH and TPO antibodies is ordered: as its work-up item says. */
    @Override
    boolean exclusion(Assessment assessment) {
        return !item(assessment.derived().workUp()).offered();
    }

    @Override
    Finding card(Assessment assessment) {
        PatientFacts facts = assessment.facts();
        WorkUp workUp = assessment.derived().workUp();
        List<ProposedAction> actions = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (Analyte analyte : workUp.thyroidUnordered()) {
            actions.add(ProposedAction.order("Order " + analyte.label(), ORDERS.get(analyte)));
            missing.add(analyte.label());
        }
        Detail detail = new Detail()
                .lead(
                        "Not on record " + workUp.thyroidWindow() + " (TSH, free T4) or ever (TPO antibodies):",
                        String.join(", ", missing) + ".");
        Optional<String> stale = workUp.staleTsh();
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
