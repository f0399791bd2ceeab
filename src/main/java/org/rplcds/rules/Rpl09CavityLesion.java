package org.rplcds.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.rplcds.facts.Order;
import org.rplcds.facts.PatientFacts;
import org.rplcds.facts.Problem;
import org.rplcds.facts.ProblemKind;
import org.rplcds.facts.ProcedureKind;

/**
 * RPL-09: a uterine cavity lesion with pregnancy loss.
 *
 * <p>When the patient is not pregnant, has lost at least one pregnancy, and a congenital uterine
 * anomaly (septum included), a submucous fibroid or intrauterine adhesions are on record. Then an
 * info card suggests referral to gynaecology to discuss hysteroscopic management, never an
 * automatic operation.
 *
 * <p>Not when a corrective hysteroscopic procedure is recorded after the diagnosis, or a referral to
 * gynaecology is placed. No verified code names that referral: it is recognised by its words, as
 * this card's own suggestion writes them ("Referral to gynaecology: ...").
 *
 * <p>Source: source text; RCOG 2023; ESHRE 2022 (septum resection not recommended outside research).
 */
public final class Rpl09CavityLesion implements Recommendation {

    public static final String ID = "RPL-09";
    static final Citation SOURCE =
            new Citation("Source text; RCOG Green-top Guideline No. 17 (2023); ESHRE 2022", Citation.RCOG_2023.url());
    private static final List<ProblemKind> LESIONS = List.of(
            ProblemKind.UTERINE_SEPTUM,
            ProblemKind.SUBMUCOUS_FIBROID,
            ProblemKind.INTRAUTERINE_ADHESIONS,
            ProblemKind.MULLERIAN_ANOMALY);
    private static final Pattern GYNAECOLOGY_REFERRAL = Pattern.compile("\\brefer.*\\bgyn(a)?ecolog");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Optional<Finding> evaluate(Assessment assessment) {
        PatientFacts facts = assessment.facts();
        GuidelineProfile profile = assessment.profile();
        if (assessment.pregnant() || facts.history().lossCount() < 1 || referred(facts)) {
            return Optional.empty();
        }
        var corrections = facts.chart().procedures(ProcedureKind.UTERINE_CORRECTION);
        List<Problem> lesions = new ArrayList<>();
        ProblemKind named = null;
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
                    named = named == null ? kind : named;
                }
            }
        }
        if (lesions.isEmpty()) {
            return Optional.empty();
        }
        String lesion =
                switch (named) {
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
        return Optional.of(new Finding(
                ID,
                "Uterine cavity lesion",
                Indicator.INFO,
                "Uterine " + lesion + " with pregnancy loss. Refer to gynaecology to discuss hysteroscopic management.",
                detail.sources("Source text; RCOG Green-top Guideline No. 17 (2023); ESHRE 2022"),
                SOURCE,
                List.of(ProposedAction.order(
                        "Refer to gynaecology",
                        SuggestedCodes.text("Referral to gynaecology: uterine " + lesion
                                + " with pregnancy loss, to discuss hysteroscopic management")))));
    }

    /** A referral to gynaecology that is draft, active, on hold or completed. */
    private static boolean referred(PatientFacts facts) {
        return facts.chart().orders().stream().filter(Order::placed).anyMatch(o -> GYNAECOLOGY_REFERRAL
                .matcher(o.text().toLowerCase(Locale.ROOT))
                .find());
    }
}
