package org.rplcds.rules;

import java.util.List;
import org.rplcds.rules.derived.WorkUp;

/**
 * RPL-02 Genetic testing.
 *
 * <p><b>Guideline:</b> ASRM 2012 and the source text karyotype both partners; ESHRE 2022 offers
 * parental karyotyping after individual risk assessment only, and genetic analysis of pregnancy
 * tissue for explanatory purposes; RCOG 2023 tests the tissue of the third and later miscarriage
 * and karyotypes the parents when it shows an unbalanced structural abnormality (the wording
 * is paraphrased and to be checked against the full texts).
 *
 * <p><b>When</b> RPL is identified, she is not pregnant and no karyotype is on record. <b>Then</b> an
 * info card suggests parental karyotyping, worded by the profile's karyotype policy (offered, not
 * recommended, under a selective policy), and genetic testing of tissue from the next loss.
 * <b>Not when</b> a karyotype is ordered, or a balanced rearrangement (Q95) is known; nor while she is
 * pregnant (the evaluation lists the karyotype as "after this pregnancy"). Under RCOG 2023's
 * tissue-first policy the parents' karyotype is never to do: the evaluation card asks for cytogenetics
 * of the pregnancy tissue at the next miscarriage, and this card speaks only once a tissue result
 * (29770-5 on products of conception) shows an unbalanced structural abnormality ({@code der(} or
 * "unbalanced").
 *
 * <p><b>Source:</b> ASRM 2012; RCOG 2023; ESHRE 2022 (selective).
 */
final class Rpl02GeneticTesting extends Rule implements WorkUpPart {

    Rpl02GeneticTesting() {
        super("RPL-02", "Genetic testing", Citation.ASRM_2012, Citation.RCOG_2023, Citation.ESHRE_2022);
    }

    @Override
    boolean inclusion(Assessment assessment) {
        return assessment.rpl();
    }

    @Override
    public WorkUpItem item(WorkUp workUp) {
        return workUp.karyotype();
    }

    /** Done, ordered, not needed, or waiting for the end of this pregnancy: as its work-up item says. */
    @Override
    boolean exclusion(Assessment assessment) {
        return !item(assessment.derived().workUp()).offered();
    }

    @Override
    Finding card(Assessment assessment) {
        GuidelineProfile profile = assessment.profile();
        String policy =
                switch (profile.karyotypePolicy()) {
                    case ROUTINE -> "Parental karyotyping of both partners is recommended for couples with recurrent pregnancy loss"
                            + " (ASRM 2012; source text).";
                    case SELECTIVE -> "ESHRE 2022: parental karyotyping is not routine; offer it after individual risk assessment"
                            + " (for example a family history of a rearrangement or a previous child with an unbalanced karyotype)."
                            + " Genetic analysis of pregnancy tissue (array-CGH preferred) is recommended for explanatory purposes.";
                    case POC_FIRST -> "RCOG 2023: the pregnancy tissue shows an unbalanced structural chromosomal abnormality:"
                            + " karyotype both parents.";
                };
        Detail detail = new Detail()
                .lead("No karyotype result or order is on record.", policy)
                .evidence(
                        "Pregnancy tissue karyotype",
                        item(assessment.derived().workUp()).evidence())
                .text(
                        "Send tissue from the next loss for cytogenetic or microarray testing. The male partner's karyotype"
                                + " cannot be ordered on this chart: refer him.");
        return finding(
                assessment,
                Indicator.INFO,
                "No karyotype on file. Consider parental karyotyping; send tissue from the next loss for genetic testing.",
                detail,
                List.of(karyotype(profile.karyotypePolicy())));
    }

    /**
     * Under a selective policy the karyotype is offered, not recommended, and the label says when
     * it is done.
     */
    static ProposedAction karyotype(KaryotypePolicy policy) {
        if (policy == KaryotypePolicy.SELECTIVE) {
            return ProposedAction.order(
                            "Order parental karyotype after individual risk assessment",
                            SuggestedCodes.KARYOTYPE,
                            "Parental karyotype after individual risk assessment; refer the male partner for his own")
                    .notRecommended();
        }
        return ProposedAction.order(
                "Order parental karyotype",
                SuggestedCodes.KARYOTYPE,
                "Parental karyotype; refer the male partner for his own");
    }
}
