package org.rplcds.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.rplcds.facts.Drug;
import org.rplcds.facts.LabResult;
import org.rplcds.facts.PatientFacts;
import org.rplcds.facts.RequestStatus;

/**
 * RPL-04: thyroid treatment.
 *
 * <p>When the patient has RPL, is pregnant or has lost a pregnancy, and the latest TSH (within
 * the testing window) shows: A overt hypothyroidism (TSH above the limit with low free T4, or TSH
 * at 10 or more); B subclinical hypothyroidism (TSH above the limit, free T4 normal or unknown);
 * C TPO antibodies with TSH above 2.5 and within the limit. Then A/B: a warning to start
 * levothyroxine and recheck TSH in 4–6 weeks; C: an info card to consider low-dose levothyroxine.
 *
 * <p>Not when levothyroxine is active, except in pregnancy with TSH still above the limit, when the
 * card asks to recheck the dose. A drafted prescription is not therapy: the card stays, without
 * suggesting levothyroxine a second time.
 *
 * <p>Source: ATA 2017; RCOG Scientific Impact Paper; source text.
 */
public final class Rpl04ThyroidTreatment implements Recommendation {

    public static final String ID = "RPL-04";
    static final Citation SOURCE = new Citation(
            "ATA 2017; RCOG Scientific Impact Paper on thyroid disease and miscarriage; source text",
            Citation.ATA_2017.url());

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<Finding> evaluate(PatientFacts facts, GuidelineProfile profile) {
        boolean atRisk = Rules.rpl(facts, profile)
                || Rules.pregnant(facts)
                || facts.history().lossCount() >= 1;
        ThyroidFunction thyroid = ThyroidFunction.of(facts, profile);
        if (!atRisk || thyroid.category() == ThyroidFunction.Category.NONE) {
            return List.of();
        }
        LabResult tsh = thyroid.tsh().orElseThrow();
        String value = Rules.number(tsh.value().orElseThrow());
        String upper = Rules.number(thyroid.upper());
        boolean treated = facts.chart().onTherapy(Drug.LEVOTHYROXINE);
        // Clinical rules 2.8: a draft prescription only suppresses a duplicate suggestion.
        boolean drafted = facts.chart().prescribed(Drug.LEVOTHYROXINE, Set.of(RequestStatus.DRAFT));
        List<LabResult> shown = new ArrayList<>();
        shown.add(tsh);
        thyroid.freeT4().ifPresent(shown::add);
        thyroid.tpo().ifPresent(shown::add);
        Detail detail = new Detail().results("Thyroid results", shown);
        if (thyroid.dysfunction()) {
            if (treated && !Rules.pregnant(facts)) {
                return List.of();
            }
            String kind = thyroid.category() == ThyroidFunction.Category.OVERT ? "overt" : "subclinical";
            if (treated) {
                return List.of(new Finding(
                        ID,
                        "Thyroid treatment",
                        Indicator.INFO,
                        "TSH " + value + " mIU/L above " + upper
                                + " on levothyroxine in pregnancy. Recheck the dose; recheck TSH in 4–6 weeks.",
                        detail.text("Levothyroxine is active; the TSH is still above the limit for pregnancy.")
                                .sources("ATA 2017; RCOG Scientific Impact Paper"),
                        SOURCE,
                        List.of()));
            }
            List<ProposedAction> actions = new ArrayList<>();
            if (!drafted) {
                actions.add(ProposedAction.prescription(
                        "Prescribe levothyroxine",
                        Codes.LEVOTHYROXINE,
                        "Levothyroxine orally once daily; dose by weight and TSH (for example 50 micrograms); recheck TSH in 4-6 weeks",
                        java.util.Optional.empty()));
            }
            if (thyroid.tpo().isEmpty()) {
                actions.add(ProposedAction.order("Order TPO antibodies", Codes.TPO_ANTIBODY));
            }
            return List.of(new Finding(
                    ID,
                    "Thyroid treatment",
                    Indicator.WARNING,
                    "TSH " + value + " mIU/L above " + upper + ": " + kind
                            + " hypothyroidism. Start levothyroxine; recheck TSH in 4–6 weeks.",
                    detail.text("The upper limit is the lab's reference range where given, else " + upper + " mIU/L.")
                            .sources("ATA 2017; RCOG Scientific Impact Paper; source text"),
                    SOURCE,
                    actions));
        }
        if (treated) {
            return List.of();
        }
        return List.of(new Finding(
                ID,
                "Thyroid treatment",
                Indicator.INFO,
                "TPO antibody positive with TSH " + value
                        + " mIU/L (>2.5). Consider low-dose levothyroxine (25–50 µg).",
                detail.text(
                                "ATA 2017 suggests considering levothyroxine for TPO-positive women with RPL and TSH above 2.5 mIU/L;"
                                        + " the TABLET and T4LIFE trials found no gain in live births, so discuss it.")
                        .sources("ATA 2017; RCOG Scientific Impact Paper"),
                SOURCE,
                drafted
                        ? List.of()
                        : List.of(ProposedAction.prescription(
                                "Prescribe low-dose levothyroxine",
                                Codes.LEVOTHYROXINE,
                                "Levothyroxine 25-50 micrograms orally once daily",
                                java.util.Optional.empty()))));
    }
}
