package org.rplcds.rules;

import java.util.List;
import org.rplcds.facts.ProblemKind;

/**
 * RPL-20 Male partner evaluation.
 *
 * <p><b>Guideline:</b> the source text examines the partner's semen; ESHRE 2022: sperm DNA
 * fragmentation may be considered for explanatory purposes; RCOG: not routine (paraphrased).
 *
 * <p><b>When</b> the profile turns it on (the source text's does), RPL is identified and she is not
 * pregnant. <b>Then</b> an info card to consider semen analysis and karyotype for the male partner,
 * who cannot be ordered for on this chart. <b>Not when</b> a partner testing encounter (Z31.441) is
 * on record.
 *
 * <p><b>Source:</b> source text; ESHRE 2022 (sperm DNA fragmentation optional).
 */
final class Rpl20PartnerEvaluation extends Rule {

    Rpl20PartnerEvaluation() {
        super("RPL-20", "Partner evaluation", Citation.SOURCE_TEXT, Citation.ESHRE_2022);
    }

    @Override
    boolean inclusion(Assessment assessment) {
        return assessment.profile().partnerEvaluation() && assessment.rpl() && !assessment.pregnant();
    }

    @Override
    boolean exclusion(Assessment assessment) {
        return assessment.facts().chart().hasProblem(ProblemKind.MALE_PARTNER_TESTED);
    }

    @Override
    Finding card(Assessment assessment) {
        return finding(
                assessment,
                Indicator.INFO,
                "Consider male partner evaluation (semen analysis; karyotype).",
                new Detail()
                        .text(
                                "The male partner's tests are ordered on his own record: refer him for semen analysis and"
                                        + " karyotype. ESHRE 2022: sperm DNA fragmentation may be considered for explanatory purposes."),
                List.of());
    }
}
