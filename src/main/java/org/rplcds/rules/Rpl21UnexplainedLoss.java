package org.rplcds.rules;

import java.util.List;
import java.util.Optional;
import org.rplcds.facts.PatientFacts;

/**
 * RPL-21: unexplained recurrent pregnancy loss.
 *
 * <p>When RPL is identified, the evaluation is complete (thyroid, antiphospholipid, uterus, and
 * karyotype unless the profile makes it selective) and no cause is on record. Then an info card
 * offering supportive care in an early-pregnancy unit, and advising against aspirin, heparin or
 * immune therapy: the prognosis is good.
 *
 * <p>Source: ESHRE 2022; RCOG 2023; RBMO 2019 guideline comparison.
 */
public final class Rpl21UnexplainedLoss implements Recommendation {

    public static final String ID = "RPL-21";
    static final Citation SOURCE = new Citation(
            "ESHRE 2022; RCOG Green-top Guideline No. 17 (2023); RBMO 2019 guideline comparison",
            Citation.ESHRE_2022.url());

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Optional<Finding> evaluate(Assessment assessment) {
        PatientFacts facts = assessment.facts();
        GuidelineProfile profile = assessment.profile();
        if (!assessment.unexplained()) {
            return Optional.empty();
        }
        return Optional.of(new Finding(
                ID,
                "Unexplained recurrent pregnancy loss",
                Indicator.INFO,
                "RPL with normal work-up (unexplained). Offer supportive early-pregnancy care; no aspirin/heparin or immune therapy.",
                new Detail()
                        .text(
                                "Thyroid, antiphospholipid and uterine investigations are on record without a cause found.")
                        .text(
                                "All guidelines recommend supportive care for unexplained RPL; aspirin and heparin (ALIFE2),"
                                        + " progesterone without bleeding (PROMISE) and immunotherapy do not improve live births.")
                        .sources("ESHRE 2022; RCOG Green-top Guideline No. 17 (2023); RBMO 2019"),
                SOURCE,
                List.of(),
                List.of(Citation.RCOG_PATIENT_INFORMATION)));
    }
}
