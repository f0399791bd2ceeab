package org.rplcds.rules;

import java.util.List;
import java.util.Optional;
import org.rplcds.facts.PatientFacts;
import org.rplcds.facts.ProblemKind;

/**
 * RPL-20: male partner evaluation.
 *
 * <p>When the profile turns it on (the source text's does), RPL is identified and the patient is
 * not pregnant. Then an info card to consider semen analysis and karyotype for the male partner,
 * who cannot be ordered for on this chart.
 *
 * <p>Not when a partner testing encounter (Z31.441) is on record.
 *
 * <p>Source: source text; ESHRE 2022 (sperm DNA fragmentation optional).
 */
public final class Rpl20PartnerEvaluation implements Recommendation {

    public static final String ID = "RPL-20";
    static final Citation SOURCE =
            new Citation("Source text; ESHRE 2022 (sperm DNA fragmentation optional)", Citation.ESHRE_2022.url());

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Optional<Finding> evaluate(Assessment assessment) {
        PatientFacts facts = assessment.facts();
        GuidelineProfile profile = assessment.profile();
        if (!profile.partnerEvaluation()
                || !assessment.rpl()
                || assessment.pregnant()
                || facts.chart().hasProblem(ProblemKind.MALE_PARTNER_TESTED)) {
            return Optional.empty();
        }
        return Optional.of(new Finding(
                ID,
                "Partner evaluation",
                Indicator.INFO,
                "Consider male partner evaluation (semen analysis; karyotype).",
                new Detail()
                        .text(
                                "The male partner's tests are ordered on his own record: refer him for semen analysis and"
                                        + " karyotype. ESHRE 2022: sperm DNA fragmentation may be considered for explanatory purposes.")
                        .sources("Source text; ESHRE 2022"),
                SOURCE,
                List.of()));
    }
}
