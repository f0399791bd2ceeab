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
 * obsolete.
 *
 * <p><b>When</b> RPL is identified without a recent TSH (within 12 months and, in pregnancy, in this
 * pregnancy) or without TPO antibodies ever. <b>Then</b> an info card suggests the missing tests of
 * TSH and TPO antibodies, and free T4 where the profile orders it with TSH; where it comes by reflex
 * ({@code thyroid.free-t4: REFLEX}, ESHRE 2022) the TSH order asks the lab for it; an old abnormal
 * TSH is named, to be repeated. <b>Not when</b> the missing TSH and TPO antibodies are ordered.
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

    /** The lab's instruction on a TSH order when free T4 comes by reflex. */
    static final String REFLEX_NOTE = "Reflex free T4 if TSH is outside the reference range";

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
        boolean reflex = reflex(assessment);
        for (Analyte analyte : workUp.thyroidUnordered()) {
            actions.add(
                    analyte == Analyte.TSH && reflex
                            ? ProposedAction.order("Order TSH (reflex free T4)", SuggestedCodes.TSH, REFLEX_NOTE)
                            : ProposedAction.order("Order " + analyte.label(), ORDERS.get(analyte)));
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
                reflex
                        ? "RPL without recent TSH/TPO antibodies. Order TSH (free T4 by reflex) and TPO antibodies."
                        : "RPL without recent TSH/TPO antibodies. Order TSH, free T4 and TPO antibodies.",
                sources,
                actions);
    }

    /** Free T4 is added by the lab when TSH is out of range, not ordered with it. */
    private static boolean reflex(Assessment assessment) {
        return assessment.profile().thyroid().freeT4() == GuidelineProfile.ThyroidTests.FreeT4.REFLEX;
    }
}
