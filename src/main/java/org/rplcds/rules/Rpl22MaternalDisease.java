package org.rplcds.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.rplcds.facts.Evidence;
import org.rplcds.facts.PatientFacts;
import org.rplcds.facts.Problem;
import org.rplcds.facts.ProblemKind;

/**
 * RPL-22: chronic maternal disease.
 *
 * <p>When the patient is pregnant or has RPL, with active chronic kidney disease, chronic
 * hypertension or heart failure. Then an info card to arrange pre-pregnancy or maternal-fetal
 * medicine review.
 *
 * <p>Not when a maternal-fetal medicine, pre-pregnancy or specialist (nephrology, cardiology)
 * referral is ordered. No verified code exists for these referrals: they are recognised by name,
 * which also recognises the referral this card suggests.
 *
 * <p>Source: source text.
 */
public final class Rpl22MaternalDisease implements Recommendation {

    public static final String ID = "RPL-22";
    static final Citation SOURCE =
            new Citation("Source text; RCOG Green-top Guideline No. 17 (2023)", Citation.RCOG_2023.url());
    private static final Pattern REFERRAL = Pattern.compile(
            "\\b(maternal[- ]fo?etal medicine|mfm|obstetric medicine|pre-?pregnancy|pre-?conception"
                    + "|nephrolog\\w*|cardiolog\\w*)\\b",
            Pattern.CASE_INSENSITIVE);

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
        List<String> kinds = new ArrayList<>();
        List<Evidence> evidence = new ArrayList<>();
        add(facts, ProblemKind.CHRONIC_KIDNEY_DISEASE, "renal", kinds, evidence);
        add(facts, ProblemKind.HYPERTENSION, "hypertensive", kinds, evidence);
        add(facts, ProblemKind.HEART_FAILURE, "cardiac", kinds, evidence);
        boolean referred = facts.chart().orders().stream()
                .anyMatch(o -> o.placed() && REFERRAL.matcher(o.text()).find());
        if (kinds.isEmpty() || referred) {
            return Optional.empty();
        }
        String setting = pregnant ? "in pregnancy" : "with pregnancy loss";
        String review = pregnant ? "maternal-fetal medicine" : "pre-pregnancy";
        return Optional.of(new Finding(
                ID,
                "Chronic maternal disease",
                Indicator.INFO,
                "Chronic " + String.join("/", kinds) + " disease " + setting + ". Arrange " + review + " review.",
                new Detail()
                        .evidence("Active diagnoses", evidence)
                        .sources("Source text; RCOG Green-top Guideline No. 17 (2023)"),
                SOURCE,
                List.of(ProposedAction.order(
                        "Refer for " + review + " review",
                        SuggestedCodes.text("Referral for " + review + " review: chronic " + String.join("/", kinds)
                                + " disease")))));
    }

    private static void add(
            PatientFacts facts, ProblemKind kind, String word, List<String> kinds, List<Evidence> evidence) {
        List<Evidence> active = facts.chart().problems(kind).stream()
                .filter(Problem::active)
                .map(Problem::evidence)
                .toList();
        if (!active.isEmpty()) {
            kinds.add(word);
            evidence.addAll(active);
        }
    }
}
