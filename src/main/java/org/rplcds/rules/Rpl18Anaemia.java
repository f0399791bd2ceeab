package org.rplcds.rules;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.rplcds.facts.Analyte;
import org.rplcds.facts.Drug;
import org.rplcds.facts.PatientFacts;

/**
 * RPL-18: anaemia.
 *
 * <p>When the patient is pregnant or has RPL and the latest haemoglobin of the last 30 days is
 * below the limit (pregnant: 11.0 g/dL in the first and third trimesters, 10.5 in the second;
 * otherwise 12.0). Then a warning (critical below 7.0 g/dL) to check ferritin, start iron and look
 * for the cause.
 *
 * <p>Not when iron is active and haemoglobin is 9 g/dL or more.
 *
 * <p>Source: source text; CDC/WHO.
 */
public final class Rpl18Anaemia implements Recommendation {

    public static final String ID = "RPL-18";
    static final Citation SOURCE = new Citation("Source text; CDC/WHO", Citation.WHO_ANAEMIA.url());
    private static final BigDecimal ON_IRON_ENOUGH = new BigDecimal("9.0");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Optional<Finding> evaluate(Assessment assessment) {
        PatientFacts facts = assessment.facts();
        GuidelineProfile profile = assessment.profile();
        boolean pregnant = assessment.pregnant();
        if (!pregnant && !assessment.rpl()) {
            return Optional.empty();
        }
        Thresholds limits = profile.thresholds();
        var since = facts.evaluationDate().minusDays(limits.hbMaxAgeDays());
        var hb = facts.chart().latestValue(Analyte.HAEMOGLOBIN).filter(r -> !r.date()
                .isBefore(since));
        if (hb.isEmpty()) {
            return Optional.empty();
        }
        BigDecimal value = hb.get().value().orElseThrow();
        Optional<Integer> trimester = facts.pregnancy().trimester();
        BigDecimal limit;
        String group;
        if (!pregnant) {
            limit = limits.hbNonPregnant();
            group = "non-pregnant women";
        } else if (trimester.filter(t -> t == 2).isPresent()) {
            limit = limits.hbSecondTrimester();
            group = "the second trimester";
        } else {
            limit = limits.hbFirstThirdTrimester();
            group = trimester
                    .map(t -> t == 1 ? "the first trimester" : "the third trimester")
                    .orElse("pregnancy");
        }
        if (value.compareTo(limit) >= 0) {
            return Optional.empty();
        }
        boolean onIron = facts.chart().onTherapy(Drug.IRON);
        if (onIron && value.compareTo(ON_IRON_ENOUGH) >= 0) {
            return Optional.empty();
        }
        List<ProposedAction> actions = new ArrayList<>();
        actions.add(ProposedAction.order("Order ferritin", SuggestedCodes.FERRITIN));
        if (!onIron) {
            actions.add(ProposedAction.prescription(
                    "Prescribe oral iron",
                    SuggestedCodes.FERROUS_SULFATE,
                    "Ferrous sulfate 325 mg orally once daily",
                    Optional.empty()));
        }
        Indicator indicator = value.compareTo(limits.hbSevere()) < 0 ? Indicator.CRITICAL : Indicator.WARNING;
        return Optional.of(new Finding(
                ID,
                "Anaemia",
                indicator,
                "Hb " + Rules.number(value) + " g/dL below " + Rules.number(limit) + " g/dL for " + group
                        + ". Check ferritin and start iron; assess cause.",
                new Detail()
                        .results("Haemoglobin", List.of(hb.get()))
                        .text(
                                onIron
                                        ? "Iron is prescribed, and haemoglobin is still below 9 g/dL."
                                        : "No iron is prescribed.")
                        .sources("Source text; CDC/WHO haemoglobin thresholds"),
                SOURCE,
                actions));
    }
}
