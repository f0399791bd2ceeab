package org.rplcds.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.rplcds.facts.Evidence;
import org.rplcds.facts.Problem;
import org.rplcds.facts.ProblemKind;

/**
 * RPL-22 Chronic maternal disease.
 *
 * <p><b>Guideline:</b> the source text names chronic maternal disease (renal, hypertensive, cardiac)
 * among the causes of loss and asks for its treatment before pregnancy (paraphrased).
 *
 * <p><b>When</b> she is pregnant or has RPL, with active chronic kidney disease, chronic hypertension
 * or heart failure. <b>Then</b> an info card to arrange pre-pregnancy or maternal-fetal medicine
 * review. <b>Not when</b> a maternal-fetal medicine, pre-pregnancy or specialist (nephrology,
 * cardiology) referral is ordered. No verified code exists for these referrals: they are recognised
 * by name, which also recognises the referral this card suggests.
 *
 * <p><b>Source:</b> source text.
 */
final class Rpl22MaternalDisease extends Rule {

    private static final Pattern REFERRAL = Pattern.compile(
            "\\b(maternal[- ]fo?etal medicine|mfm|obstetric medicine|pre-?pregnancy|pre-?conception"
                    + "|nephrolog\\w*|cardiolog\\w*)\\b",
            Pattern.CASE_INSENSITIVE);
    /** In the order the summary names them. */
    private static final List<Map.Entry<ProblemKind, String>> DISEASES = List.of(
            Map.entry(ProblemKind.CHRONIC_KIDNEY_DISEASE, "renal"),
            Map.entry(ProblemKind.HYPERTENSION, "hypertensive"),
            Map.entry(ProblemKind.HEART_FAILURE, "cardiac"));

    Rpl22MaternalDisease() {
        super("RPL-22", "Chronic maternal disease", Citation.SOURCE_TEXT, Citation.RCOG_2023);
    }

    @Override
    boolean inclusion(Assessment assessment) {
        return (assessment.pregnant() || assessment.rpl())
                && !diseases(assessment).words().isEmpty();
    }

    @Override
    boolean exclusion(Assessment assessment) {
        return assessment.facts().chart().orders().stream()
                .anyMatch(o -> o.placed() && REFERRAL.matcher(o.text()).find());
    }

    /** The active diseases in words (renal, hypertensive, cardiac, in that order) and their diagnoses. */
    private record Diseases(List<String> words, List<Evidence> evidence) {}

    private static Diseases diseases(Assessment assessment) {
        List<String> words = new ArrayList<>();
        List<Evidence> evidence = new ArrayList<>();
        DISEASES.forEach(disease -> {
            List<Evidence> active = assessment.facts().chart().problems(disease.getKey()).stream()
                    .filter(Problem::active)
                    .map(Problem::evidence)
                    .toList();
            if (!active.isEmpty()) {
                words.add(disease.getValue());
                evidence.addAll(active);
            }
        });
        return new Diseases(words, evidence);
    }

    @Override
    Finding card(Assessment assessment) {
        Diseases diseases = diseases(assessment);
        List<String> kinds = diseases.words();
        boolean pregnant = assessment.pregnant();
        String setting = pregnant ? "in pregnancy" : "with pregnancy loss";
        String review = pregnant ? "maternal-fetal medicine" : "pre-pregnancy";
        return finding(
                assessment,
                Indicator.INFO,
                "Chronic " + String.join("/", kinds) + " disease " + setting + ". Arrange " + review + " review.",
                new Detail().evidence("Active diagnoses", diseases.evidence()),
                List.of(ProposedAction.order(
                        "Refer for " + review + " review",
                        SuggestedCodes.text("Referral for " + review + " review: chronic " + String.join("/", kinds)
                                + " disease"))));
    }
}
