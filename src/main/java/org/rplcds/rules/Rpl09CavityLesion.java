package org.rplcds.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.rplcds.facts.Order;
import org.rplcds.facts.PatientFacts;
import org.rplcds.facts.Problem;
import org.rplcds.facts.ProblemKind;
import org.rplcds.facts.ProcedureKind;

/**
 * RPL-09 A uterine cavity lesion with pregnancy loss.
 *
 * <p><b>Guideline:</b> submucous fibroids and adhesions: hysteroscopic treatment may be considered;
 * ESHRE 2022 does not recommend hysteroscopic septum resection outside research (TRUST); RCOG and
 * ASRM are more permissive (clinical rules 1.3, paraphrased, to be checked).
 *
 * <p><b>When</b> she is not pregnant, has lost at least one pregnancy, and a congenital uterine
 * anomaly (septum included), a submucous fibroid or intrauterine adhesions are on record and not
 * corrected. <b>Then</b> an info card suggests referral to gynaecology to discuss hysteroscopic
 * management, never an automatic operation. <b>Not when</b> a referral to gynaecology is placed. No
 * verified code names that referral: it is recognised by its words, as this card's own suggestion
 * writes them ("Referral to gynaecology: ...").
 *
 * <p><b>Source:</b> source text; RCOG 2023; ESHRE 2022 (septum resection not recommended outside
 * research).
 */
final class Rpl09CavityLesion extends Rule {

    private static final List<ProblemKind> LESIONS = List.of(
            ProblemKind.UTERINE_SEPTUM,
            ProblemKind.SUBMUCOUS_FIBROID,
            ProblemKind.INTRAUTERINE_ADHESIONS,
            ProblemKind.MULLERIAN_ANOMALY);
    private static final Pattern GYNAECOLOGY_REFERRAL = Pattern.compile("\\brefer.*\\bgyn(a)?ecolog");

    Rpl09CavityLesion() {
        super(
                "RPL-09",
                "Uterine cavity lesion",
                new Citation(
                        "Source text; RCOG Green-top Guideline No. 17 (2023); ESHRE 2022", Citation.RCOG_2023.url()));
    }

    @Override
    boolean inclusion(Assessment assessment) {
        return !assessment.pregnant()
                && assessment.facts().history().lossCount() >= 1
                && !lesions(assessment.facts()).isEmpty();
    }

    /** A referral to gynaecology that is draft, active, on hold or completed. */
    @Override
    boolean exclusion(Assessment assessment) {
        return assessment.facts().chart().orders().stream()
                .filter(Order::placed)
                .anyMatch(o -> GYNAECOLOGY_REFERRAL
                        .matcher(o.text().toLowerCase(Locale.ROOT))
                        .find());
    }

    /** The lesions on record without a corrective procedure after their diagnosis, in LESIONS order. */
    private static List<Problem> lesions(PatientFacts facts) {
        var corrections = facts.chart().procedures(ProcedureKind.UTERINE_CORRECTION);
        List<Problem> lesions = new ArrayList<>();
        for (ProblemKind kind : LESIONS) {
            for (Problem problem : facts.chart().problems(kind)) {
                boolean corrected = corrections.stream()
                        .anyMatch(c -> c.date().isPresent()
                                && (problem.date().isEmpty()
                                        || !c.date()
                                                .get()
                                                .isBefore(problem.date().get())));
                if (!corrected && lesions.stream().noneMatch(p -> p.evidence().equals(problem.evidence()))) {
                    lesions.add(problem);
                }
            }
        }
        return lesions;
    }

    @Override
    Finding card(Assessment assessment) {
        List<Problem> lesions = lesions(assessment.facts());
        String lesion =
                switch (lesions.get(0).kind()) {
                    case UTERINE_SEPTUM -> "septum";
                    case SUBMUCOUS_FIBROID -> "submucous fibroid";
                    case INTRAUTERINE_ADHESIONS -> "adhesions";
                    default -> "anomaly";
                };
        Detail detail = new Detail()
                .evidence("On record", lesions.stream().map(Problem::evidence).toList())
                .text("Hysteroscopic removal of submucous fibroids or adhesions may be considered. ESHRE 2022 does not"
                        + " recommend hysteroscopic septum resection outside research (TRUST trial); RCOG and ASRM are more"
                        + " permissive. Discuss with the patient; this card never orders surgery.");
        return finding(
                assessment,
                Indicator.INFO,
                "Uterine " + lesion + " with pregnancy loss. Refer to gynaecology to discuss hysteroscopic management.",
                detail,
                List.of(ProposedAction.order(
                        "Refer to gynaecology",
                        SuggestedCodes.text("Referral to gynaecology: uterine " + lesion
                                + " with pregnancy loss, to discuss hysteroscopic management"))));
    }
}
