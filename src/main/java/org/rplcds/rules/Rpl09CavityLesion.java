package org.rplcds.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.rplcds.facts.Evidence;
import org.rplcds.facts.Order;
import org.rplcds.facts.PatientFacts;
import org.rplcds.facts.PerformedProcedure;
import org.rplcds.facts.Problem;
import org.rplcds.facts.ProblemKind;
import org.rplcds.facts.ProcedureKind;

/**
 * RPL-09 A uterine cavity lesion with pregnancy loss.
 *
 * <p><b>Guideline:</b> submucous fibroids and adhesions: hysteroscopic treatment may be considered;
 * ESHRE 2022 does not recommend hysteroscopic septum resection outside research (TRUST); RCOG and
 * ASRM are more permissive (paraphrased, to be checked).
 *
 * <p><b>When</b> she is not pregnant, has lost at least one pregnancy, and a congenital uterine
 * anomaly (septum included), a submucous fibroid or intrauterine adhesions are on record and not
 * corrected: a completed septum resection (54130005, 31191000) at any date ends the septum; other
 * corrections end a fibroid or adhesions unless the lesion began 90 days or more later. <b>Then</b> an info card suggests referral to gynaecology, never an automatic
 * operation: for a septum, per profile, under ESHRE 2022 that resection is
 * not recommended outside research, under the source text, RCOG 2023 and ASRM 2012 to discuss
 * hysteroscopic resection before the next pregnancy; for fibroids and adhesions, to discuss
 * hysteroscopic management. The detail speaks only of the lesions she has. <b>Not when</b> a referral to gynaecology is placed. No
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
    /** A fibroid or adhesions first recorded this long after a correction are a new lesion. */
    static final int NEW_LESION_DAYS = 90;

    private static final Pattern GYNAECOLOGY_REFERRAL = Pattern.compile("\\brefer.*\\bgyn(a)?ecolog");

    Rpl09CavityLesion() {
        super("RPL-09", "Uterine cavity lesion", Citation.SOURCE_TEXT, Citation.RCOG_2023, Citation.ESHRE_2022);
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

    /**
     * The lesions on record that no completed procedure corrected, in LESIONS order. A septum
     * resection ends the septum at any date, before or after the diagnosis was recorded (a septum
     * is congenital: a diagnosis recorded after its resection records the old septum). Other
     * corrections end a fibroid or adhesions unless the lesion's onset is
     * {@value #NEW_LESION_DAYS} days or more after the procedure: a new lesion.
     */
    private static List<Problem> lesions(PatientFacts facts) {
        var chart = facts.chart();
        List<PerformedProcedure> corrections = chart.procedures(ProcedureKind.UTERINE_CORRECTION).stream()
                .filter(PerformedProcedure::completed)
                .toList();
        boolean septumResected =
                chart.procedures(ProcedureKind.SEPTUM_RESECTION).stream().anyMatch(PerformedProcedure::completed);
        // A septate uterus (Q51.2) is also a congenital anomaly: one diagnosis, read as a septum.
        Set<Evidence> septa = chart.problems(ProblemKind.UTERINE_SEPTUM).stream()
                .map(Problem::evidence)
                .collect(Collectors.toSet());
        List<Problem> lesions = new ArrayList<>();
        for (ProblemKind kind : LESIONS) {
            for (Problem problem : chart.problems(kind)) {
                boolean corrected = septa.contains(problem.evidence())
                        ? septumResected
                        : corrections.stream().anyMatch(c -> correctedBy(problem, c));
                if (!corrected && lesions.stream().noneMatch(p -> p.evidence().equals(problem.evidence()))) {
                    lesions.add(problem);
                }
            }
        }
        return lesions;
    }

    /** The procedure corrected the lesion unless the lesion began long enough after it to be a new one. */
    private static boolean correctedBy(Problem lesion, PerformedProcedure procedure) {
        if (procedure.date().isEmpty() || lesion.date().isEmpty()) {
            return true;
        }
        return lesion.date().get().isBefore(procedure.date().get().plusDays(NEW_LESION_DAYS));
    }

    @Override
    Finding card(Assessment assessment) {
        List<Problem> lesions = lesions(assessment.facts());
        ProblemKind first = lesions.get(0).kind();
        String lesion = name(first);
        boolean eshre = eshre(assessment.profile());
        Detail detail = new Detail()
                .evidence("On record", lesions.stream().map(Problem::evidence).toList());
        // The detail speaks only of the lesions she has.
        for (ProblemKind kind : LESIONS) {
            if (lesions.stream().anyMatch(p -> p.kind() == kind)) {
                detail = detail.text(advice(kind, eshre));
            }
        }
        detail = detail.text("Discuss with the patient; this card never orders surgery.");
        String summary;
        String referral;
        if (first == ProblemKind.UTERINE_SEPTUM && eshre) {
            summary = "Uterine septum with pregnancy loss. Refer to gynaecology; resection is not recommended outside"
                    + " research (ESHRE 2022).";
            referral =
                    "Referral to gynaecology: uterine septum with pregnancy loss; resection is not recommended outside"
                            + " research (ESHRE 2022)";
        } else if (first == ProblemKind.UTERINE_SEPTUM) {
            summary =
                    "Uterine septum with pregnancy loss. Refer to gynaecology to discuss hysteroscopic resection before"
                            + " the next pregnancy.";
            referral = "Referral to gynaecology: uterine septum with pregnancy loss, to discuss hysteroscopic resection"
                    + " before the next pregnancy";
        } else {
            summary = "Uterine " + lesion
                    + " with pregnancy loss. Refer to gynaecology to discuss hysteroscopic management.";
            referral = "Referral to gynaecology: uterine " + lesion
                    + " with pregnancy loss, to discuss hysteroscopic management";
        }
        return finding(
                assessment,
                Indicator.INFO,
                summary,
                detail,
                List.of(ProposedAction.order("Refer to gynaecology", SuggestedCodes.text(referral))));
    }

    /** The profile follows ESHRE 2022, which does not recommend septum resection outside research. */
    private static boolean eshre(GuidelineProfile profile) {
        return profile.definition().equals(Citation.ESHRE_2022);
    }

    private static String name(ProblemKind kind) {
        return switch (kind) {
            case UTERINE_SEPTUM -> "septum";
            case SUBMUCOUS_FIBROID -> "submucous fibroid";
            case INTRAUTERINE_ADHESIONS -> "adhesions";
            default -> "anomaly";
        };
    }

    private static String advice(ProblemKind kind, boolean eshre) {
        return switch (kind) {
            case UTERINE_SEPTUM -> eshre
                    ? "ESHRE 2022 does not recommend hysteroscopic septum resection outside research (TRUST trial)."
                    : "Hysteroscopic septum resection may be discussed before the next pregnancy; ESHRE 2022 does not"
                            + " recommend it outside research (TRUST trial).";
            case SUBMUCOUS_FIBROID -> "Hysteroscopic removal of a submucous fibroid may be considered.";
            case INTRAUTERINE_ADHESIONS -> "Hysteroscopic adhesiolysis may be considered.";
            default -> "The management of a congenital uterine anomaly depends on its type: discuss with gynaecology.";
        };
    }
}
