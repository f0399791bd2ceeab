package org.rplcds.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.rplcds.facts.Analyte;
import org.rplcds.facts.LabResult;
import org.rplcds.facts.PatientFacts;

/**
 * RPL-03: thyroid work-up.
 *
 * <p>When RPL is identified without a recent TSH (within 12 months and, in pregnancy, in this
 * pregnancy: clinical rules 8 R4) or without TPO antibodies ever. An old abnormal TSH is named, to be
 * repeated. Then an info card suggests the missing tests of TSH, free T4 and
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
    private static final Map<Analyte, Concept> ORDERS = Map.of(
            Analyte.TSH,
            SuggestedCodes.TSH,
            Analyte.FREE_T4,
            SuggestedCodes.FREE_T4,
            Analyte.TPO_ANTIBODY,
            SuggestedCodes.TPO_ANTIBODY);

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Optional<Finding> evaluate(Assessment assessment) {
        PatientFacts facts = assessment.facts();
        GuidelineProfile profile = assessment.profile();
        if (!assessment.rpl()) {
            return Optional.empty();
        }
        Thyroid thyroid = assessment.thyroid();
        if (assessment.thyroidTested().holds()) {
            return Optional.empty();
        }
        List<ProposedAction> actions = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (Analyte analyte : List.of(Analyte.TSH, Analyte.FREE_T4, Analyte.TPO_ANTIBODY)) {
            if (thyroid.missing().contains(analyte) && !facts.chart().ordered(analyte)) {
                actions.add(ProposedAction.order("Order " + analyte.label(), ORDERS.get(analyte)));
                missing.add(analyte.label());
            }
        }
        boolean tshOrTpoUnplanned =
                (thyroid.missing().contains(Analyte.TSH) && !facts.chart().ordered(Analyte.TSH))
                        || (thyroid.missing().contains(Analyte.TPO_ANTIBODY)
                                && !facts.chart().ordered(Analyte.TPO_ANTIBODY));
        if (!tshOrTpoUnplanned) {
            return Optional.empty();
        }
        String window = facts.pregnancy().pregnant()
                ? "in this pregnancy"
                : "in the last " + profile.thresholds().thyroidTestMonths() + " months";
        Detail detail = new Detail()
                .text("**Not on record " + window + " (TSH, free T4) or ever (TPO antibodies):** "
                        + String.join(", ", missing) + ".");
        if (thyroid.staleAbnormal()) {
            // Clinical rules 8 R4: an old abnormal TSH is named, and repeated before anyone treats on it.
            LabResult old = thyroid.staleTsh().orElseThrow();
            boolean beforePregnancy = facts.pregnancy().pregnant()
                    && facts.pregnancy()
                            .start(facts.evaluationDate())
                            .filter(start -> old.date().isBefore(start))
                            .isPresent();
            detail.text("**TSH " + Rules.number(old.value().orElseThrow()) + " mIU/L on " + old.date() + ", "
                    + (beforePregnancy
                            ? "before this pregnancy"
                            : "more than " + profile.thresholds().thyroidTestMonths() + " months ago")
                    + ": repeat.**");
        }
        String sources = detail.results(
                        "Earlier thyroid results",
                        facts.chart().labs().stream()
                                .filter(r -> ORDERS.containsKey(r.analyte()))
                                .toList())
                .text("Thyroid dysfunction and thyroid autoimmunity are screened in women with RPL; T3 and basal"
                        + " metabolic rate add nothing.")
                .sources("ESHRE 2022; RCOG Green-top Guideline No. 17 (2023)");
        return Optional.of(new Finding(
                ID,
                "Thyroid work-up",
                Indicator.INFO,
                "RPL without recent TSH/TPO antibodies. Order TSH, free T4 and TPO antibodies.",
                sources,
                SOURCE,
                actions));
    }
}
