package org.rplcds.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.rplcds.facts.Analyte;
import org.rplcds.facts.PatientFacts;

/**
 * RPL-03: thyroid work-up.
 *
 * <p>When RPL is identified without a TSH in the last 12 months (in pregnancy: in this pregnancy)
 * or without TPO antibodies ever. Then an info card suggests the missing tests of TSH, free T4 and
 * TPO antibodies (not T3 or basal metabolism, which the source text names and which are obsolete).
 *
 * <p>Not for tests already ordered.
 *
 * <p>Source: ESHRE 2022; RCOG 2023.
 */
public final class Rpl03ThyroidWorkUp implements Recommendation {

    public static final String ID = "RPL-03";
    static final Citation SOURCE =
            new Citation("ESHRE 2022; RCOG Green-top Guideline No. 17 (2023)", Citation.ESHRE_2022.url());
    private static final Map<Analyte, Concept> ORDERS =
            Map.of(Analyte.TSH, Codes.TSH, Analyte.FREE_T4, Codes.FREE_T4, Analyte.TPO_ANTIBODY, Codes.TPO_ANTIBODY);

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<Finding> evaluate(PatientFacts facts, GuidelineProfile profile) {
        if (!Rules.rpl(facts, profile)) {
            return List.of();
        }
        WorkUp workUp = WorkUp.of(facts, profile);
        if (workUp.thyroidTested()) {
            return List.of();
        }
        List<ProposedAction> actions = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (Analyte analyte : List.of(Analyte.TSH, Analyte.FREE_T4, Analyte.TPO_ANTIBODY)) {
            if (workUp.thyroidMissing().contains(analyte) && !facts.chart().ordered(analyte)) {
                actions.add(ProposedAction.order("Order " + analyte.label(), ORDERS.get(analyte)));
                missing.add(analyte.label());
            }
        }
        boolean tshOrTpoUnplanned =
                (workUp.thyroidMissing().contains(Analyte.TSH) && !facts.chart().ordered(Analyte.TSH))
                        || (workUp.thyroidMissing().contains(Analyte.TPO_ANTIBODY)
                                && !facts.chart().ordered(Analyte.TPO_ANTIBODY));
        if (!tshOrTpoUnplanned) {
            return List.of();
        }
        String window = facts.pregnancy().pregnant()
                ? "in this pregnancy"
                : "in the last " + profile.thresholds().thyroidTestMonths() + " months";
        String detail = new Detail()
                .text("**Not on record " + window + " (TSH, free T4) or ever (TPO antibodies):** "
                        + String.join(", ", missing) + ".")
                .results(
                        "Earlier thyroid results",
                        facts.chart().labs().stream()
                                .filter(r -> ORDERS.containsKey(r.analyte()))
                                .toList())
                .text("Thyroid dysfunction and thyroid autoimmunity are screened in women with RPL; T3 and basal"
                        + " metabolic rate add nothing.")
                .sources("ESHRE 2022; RCOG Green-top Guideline No. 17 (2023)");
        return List.of(new Finding(
                ID,
                "Thyroid work-up",
                Indicator.INFO,
                "RPL without recent TSH/TPO antibodies. Order TSH, free T4 and TPO antibodies.",
                detail,
                SOURCE,
                actions));
    }
}
