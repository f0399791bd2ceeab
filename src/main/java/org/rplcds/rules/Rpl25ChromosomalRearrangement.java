package org.rplcds.rules;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.rplcds.facts.Analyte;
import org.rplcds.facts.Interpretation;
import org.rplcds.facts.LabResult;
import org.rplcds.facts.Order;
import org.rplcds.facts.PatientFacts;
import org.rplcds.facts.Problem;
import org.rplcds.facts.ProblemKind;

/**
 * RPL-25 A parental chromosomal rearrangement.
 *
 * <p><b>Guideline:</b> the source text: for a carrier couple, "prenatal diagnosis should be made in a
 * timely manner"; ESHRE 2022 and RCOG 2023: genetic counselling for carriers of a structural
 * chromosome rearrangement, with preimplantation genetic testing (PGT) and prenatal diagnosis as
 * options (to be checked).
 *
 * <p><b>When</b> a balanced translocation, insertion or inversion (Q95.x) is on her record, or her
 * karyotype result (29770-5) is flagged abnormal (A, AA) or reads other than 46,XX or 46,XY; or
 * her partner's karyotype on her chart (29770-5 whose {@code focus} is the partner) reads so, when
 * the card says that the partner carries it. A partner's karyotype is never hers, and a problem
 * written in words alone ("partner has a translocation") is not read. <b>Then</b> outside pregnancy an info card to refer for genetic counselling and discuss PGT and
 * prenatal diagnosis; in pregnancy a warning to offer prenatal diagnosis (CVS from 11 weeks,
 * amniocentesis from 15 weeks). Both suggest a genetic counselling referral, in words: no verified
 * code names it. <b>Not when</b> a genetic counselling referral is placed (in pregnancy: in this
 * pregnancy).
 *
 * <p><b>Source:</b> source text; ESHRE 2022; RCOG 2023.
 */
final class Rpl25ChromosomalRearrangement extends Rule {

    private static final Pattern GENETIC_COUNSELLING = Pattern.compile("\\bgenetic counsel");

    Rpl25ChromosomalRearrangement() {
        super(
                "RPL-25",
                "Parental chromosomal rearrangement",
                Citation.SOURCE_TEXT,
                Citation.ESHRE_2022,
                Citation.RCOG_2023);
    }

    @Override
    boolean inclusion(Assessment assessment) {
        PatientFacts facts = assessment.facts();
        return hers(facts) || !abnormal(facts, Analyte.PARTNER_KARYOTYPE).isEmpty();
    }

    /** A rearrangement of her own on record: the card speaks of hers. */
    private static boolean hers(PatientFacts facts) {
        return !rearrangements(facts).isEmpty()
                || !abnormal(facts, Analyte.KARYOTYPE).isEmpty();
    }

    /** A genetic counselling referral placed, in pregnancy one of this pregnancy. */
    @Override
    boolean exclusion(Assessment assessment) {
        PatientFacts facts = assessment.facts();
        Optional<LocalDate> start =
                assessment.pregnant() ? facts.pregnancy().start(facts.evaluationDate()) : Optional.empty();
        return facts.chart().orders().stream()
                .filter(Order::placed)
                .filter(o -> start.isEmpty()
                        || o.authored().filter(d -> !d.isBefore(start.get())).isPresent())
                .anyMatch(o -> GENETIC_COUNSELLING
                        .matcher(o.text().toLowerCase(Locale.ROOT))
                        .find());
    }

    private static List<Problem> rearrangements(PatientFacts facts) {
        return facts.chart().problems(ProblemKind.BALANCED_TRANSLOCATION);
    }

    /** A karyotype, hers or her partner's, flagged A/AA, or reading other than 46,XX or 46,XY. */
    private static List<LabResult> abnormal(PatientFacts facts, Analyte karyotype) {
        return facts.chart().results(karyotype).stream()
                .filter(r ->
                        r.interpretation() == Interpretation.ABNORMAL || r.interpretation() == Interpretation.POSITIVE)
                .toList();
    }

    @Override
    Finding card(Assessment assessment) {
        PatientFacts facts = assessment.facts();
        Detail detail = new Detail()
                .evidence(
                        "Chromosomal rearrangement",
                        rearrangements(facts).stream().map(Problem::evidence).toList())
                .evidence(
                        "Abnormal karyotype",
                        abnormal(facts, Analyte.KARYOTYPE).stream()
                                .map(LabResult::evidence)
                                .toList())
                .evidence(
                        "Partner's karyotype",
                        abnormal(facts, Analyte.PARTNER_KARYOTYPE).stream()
                                .map(LabResult::evidence)
                                .toList());
        // Her partner's rearrangement is named as his; hers, when she has one, comes first.
        boolean hers = hers(facts);
        String carrier = hers ? "Chromosomal rearrangement on record" : "Partner carries a chromosomal rearrangement";
        ProposedAction referral = ProposedAction.order(
                "Refer for genetic counselling",
                SuggestedCodes.text("Referral for genetic counselling: parental chromosomal rearrangement"));
        if (assessment.pregnant()) {
            return finding(
                    assessment,
                    Indicator.WARNING,
                    carrier + ", pregnant at "
                            + facts.pregnancy().gestation()
                            + (hers
                                    ? ": offer prenatal diagnosis (CVS from 11 weeks, amniocentesis from 15 weeks)."
                                    : ": offer prenatal diagnosis (CVS from 11, amniocentesis from 15 weeks)."),
                    detail.text("A carrier of a structural chromosome rearrangement has a raised risk of an unbalanced"
                            + " pregnancy: offer prenatal diagnosis in time, with genetic counselling."),
                    List.of(referral));
        }
        return finding(
                assessment,
                Indicator.INFO,
                carrier + ". Refer for genetic counselling; discuss PGT and prenatal diagnosis.",
                detail.text("Before the next pregnancy: genetic counselling on the chance of a balanced, normal or"
                        + " unbalanced pregnancy, preimplantation genetic testing (PGT), and prenatal diagnosis."),
                List.of(referral));
    }
}
