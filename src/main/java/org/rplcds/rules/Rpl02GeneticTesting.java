package org.rplcds.rules;

import java.util.List;
import java.util.Optional;
import org.rplcds.facts.Analyte;
import org.rplcds.facts.PatientFacts;
import org.rplcds.facts.ProblemKind;
import org.rplcds.facts.ProcedureKind;

/**
 * RPL-02: genetic testing.
 *
 * <p>When RPL is identified and no karyotype is on record. Then an info card suggests parental
 * karyotyping (routine under ASRM and the source text, selective under ESHRE 2022, after testing
 * the pregnancy tissue under RCOG 2023) and genetic testing of tissue from the next loss.
 *
 * <p>Not when a karyotype is ordered or done, or a balanced rearrangement (Q95) is known.
 *
 * <p>Source: ASRM 2012; RCOG 2023; ESHRE 2022 (selective).
 */
public final class Rpl02GeneticTesting implements Recommendation {

    public static final String ID = "RPL-02";
    static final Citation SOURCE = new Citation(
            "ASRM 2012; RCOG Green-top Guideline No. 17 (2023); ESHRE 2022 (selective)", Citation.ASRM_2012.url());

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Optional<Finding> evaluate(Assessment assessment) {
        PatientFacts facts = assessment.facts();
        GuidelineProfile profile = assessment.profile();
        if (!inclusion(assessment) || exclusion(facts)) {
            return Optional.empty();
        }
        String policy =
                switch (profile.karyotypePolicy()) {
                    case ROUTINE -> "Parental karyotyping of both partners is recommended for couples with recurrent pregnancy loss"
                            + " (ASRM 2012; source text).";
                    case SELECTIVE -> "ESHRE 2022: parental karyotyping is not routine; offer it after individual risk assessment"
                            + " (for example a family history of a rearrangement or a previous child with an unbalanced karyotype)."
                            + " Genetic analysis of pregnancy tissue (array-CGH preferred) is recommended for explanatory purposes.";
                    case POC_FIRST -> "RCOG 2023: test the pregnancy tissue of the third and later miscarriages; karyotype both parents"
                            + " when it shows an unbalanced structural chromosomal abnormality.";
                };
        String detail = new Detail()
                .text("**No karyotype result or order is on record.** " + policy)
                .text(
                        "Send tissue from the next loss for cytogenetic or microarray testing. The male partner's karyotype"
                                + " cannot be ordered on this chart: refer him.")
                .sources("ASRM 2012; RCOG Green-top Guideline No. 17 (2023); ESHRE 2022");
        return Optional.of(new Finding(
                ID,
                "Genetic testing",
                Indicator.INFO,
                "No karyotype on file. Consider parental karyotyping; send tissue from the next loss for genetic testing.",
                detail,
                SOURCE,
                List.of(ProposedAction.order(
                        "Order karyotype (patient)",
                        SuggestedCodes.KARYOTYPE,
                        "Parental karyotype; refer the male partner for his own"))));
    }

    private static boolean inclusion(Assessment assessment) {
        return assessment.rpl() && !assessment.karyotypeDone().holds();
    }

    private static boolean exclusion(PatientFacts facts) {
        return facts.chart().ordered(Analyte.KARYOTYPE)
                || facts.chart().ordered(ProcedureKind.KARYOTYPE)
                || facts.chart().hasProblem(ProblemKind.BALANCED_TRANSLOCATION);
    }
}
