package org.rplcds.rules;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.rplcds.facts.Dose;
import org.rplcds.facts.Evidence;
import org.rplcds.facts.LabResult;
import org.rplcds.facts.Medication;

/**
 * What RPL-07 and RPL-27 say alike about anticoagulation in pregnancy: the therapeutic LMWH dose,
 * the anticoagulants on record with their doses and dates, the same-day review, and one card when
 * both speak.
 */
final class Anticoagulation {

    /** The review a woman on anticoagulation needs the same day. */
    static final Concept SAME_DAY_REVIEW = SuggestedCodes.text("Same-day haematology or obstetric medicine review");

    /** Vitamin K antagonists, whose effect the INR measures. */
    private static final Set<String> VITAMIN_K_ANTAGONISTS = Set.of("warfarin", "acenocoumarol", "phenprocoumon");

    private Anticoagulation() {}

    /**
     * Therapeutic enoxaparin, 1 mg/kg twice daily until 6 weeks after birth, in mg from a body
     * weight of the last 12 months (RCOG Green-top Guideline No. 37a).
     */
    static ProposedAction therapeuticEnoxaparin(Assessment assessment, String label) {
        Optional<LabResult> weight = assessment.derived().bodyWeight();
        String dose = weight.flatMap(LabResult::value)
                .map(kg -> {
                    BigDecimal mg = kg.setScale(0, RoundingMode.HALF_UP);
                    return "Enoxaparin " + mg.toPlainString() + " mg (1 mg/kg at " + mg.toPlainString()
                            + " kg, " + weight.get().date() + ") subcutaneously twice daily (therapeutic) until 6"
                            + " weeks after birth";
                })
                .orElse("Enoxaparin 1 mg/kg subcutaneously twice daily (therapeutic) until 6 weeks after birth;"
                        + " no body weight in the last 12 months: weigh her first");
        return ProposedAction.prescription(label, SuggestedCodes.ENOXAPARIN, dose, Optional.empty());
    }

    /** Whether the drug is a vitamin K antagonist, whose effect the INR shows. */
    static boolean vitaminKAntagonist(Medication medication) {
        return VITAMIN_K_ANTAGONISTS.contains(medication.ingredient());
    }

    /** The drug's name to open a sentence with: {@code Warfarin}. */
    static String name(Medication medication) {
        String name = medication.ingredient();
        return name.isEmpty()
                ? "An oral anticoagulant"
                : name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1);
    }

    /** Each anticoagulant as a record entry: its name and dose, dated when it was prescribed. */
    static List<Evidence> onRecord(List<Medication> medications) {
        return medications.stream()
                .map(m -> new Evidence(
                        m.evidence().reference(), m.evidence().description() + ", " + dose(m.dose()), m.authored()))
                .toList();
    }

    /** The dose as the record writes it, or as much as it says. */
    static String dose(Dose dose) {
        if (!dose.text().isEmpty()) {
            return dose.text();
        }
        if (dose.amount().isEmpty()) {
            return "dose not recorded";
        }
        String amount = dose.amount().get().stripTrailingZeros().toPlainString() + " " + dose.unit();
        return dose.perDay()
                .map(n -> amount + ", " + n.stripTrailingZeros().toPlainString() + " a day")
                .orElse(amount);
    }

    /**
     * RPL-07 and RPL-27 on one patient make one card: RPL-27's summary, urgency and topic, the
     * rules [RPL-27, RPL-07], and the union of their suggestions, each once.
     */
    static List<Finding> fold(List<Finding> findings) {
        Optional<Finding> anticoagulant =
                findings.stream().filter(f -> f.ruleId().equals("RPL-27")).findFirst();
        Optional<Finding> aps =
                findings.stream().filter(f -> f.ruleId().equals("RPL-07")).findFirst();
        if (anticoagulant.isEmpty() || aps.isEmpty()) {
            return findings;
        }
        Finding own = anticoagulant.get();
        List<ProposedAction> actions = new ArrayList<>(own.actions());
        Set<String> offered = new HashSet<>();
        own.actions().forEach(a -> offered.addAll(concepts(a)));
        for (ProposedAction action : aps.get().actions()) {
            if (concepts(action).stream().noneMatch(offered::contains)) {
                actions.add(action);
                offered.addAll(concepts(action));
            }
        }
        Finding combined = Rule.combined(
                own,
                own.title(),
                own.indicator(),
                own.summary(),
                distinct(own.detail().uncited().then(aps.get().detail().uncited())),
                actions,
                List.of(aps.get()));
        List<Finding> folded = new ArrayList<>();
        for (Finding finding : findings) {
            if (finding == own) {
                folded.add(combined);
            } else if (finding != aps.get()) {
                folded.add(finding);
            }
        }
        return folded;
    }

    /** The detail with each block once: both cards list the anticoagulants on record. */
    private static Detail distinct(Detail detail) {
        return new Detail(detail.blocks().stream().distinct().toList());
    }

    /** What a suggestion orders or stops, each as a key: a concept's code or words, a record's reference. */
    private static List<String> concepts(ProposedAction action) {
        List<String> keys = new ArrayList<>();
        action.concept().ifPresent(c -> keys.add(c.code() == null ? c.display() : c.system() + "|" + c.code()));
        action.target().ifPresent(keys::add);
        action.with().forEach(next -> keys.addAll(concepts(next)));
        return keys;
    }
}
