package org.rplcds.rules;

import java.util.List;
import org.rplcds.facts.Evidence;

/**
 * RPL-21 Unexplained recurrent pregnancy loss.
 *
 * <p><b>Guideline:</b> "all guidelines recommended supportive care for unexplained RPL" (RBMO 2019
 * comparison of national guidelines); no aspirin or heparin (ALIFE2), no progesterone without
 * bleeding, no immunotherapy.
 *
 * <p><b>When</b> RPL is identified, the evaluation is complete (thyroid, antiphospholipid, uterus,
 * and karyotype unless the profile makes it selective), no antiphospholipid test is positive and no
 * cause is on record. <b>Then</b> an info card offering supportive care in an early-pregnancy unit,
 * and advising against aspirin, heparin or immune therapy: the prognosis is good. <b>Not when</b>: no
 * exclusion beyond the definition.
 *
 * <p><b>Source:</b> ESHRE 2022; RCOG 2023; RBMO 2019 guideline comparison.
 */
final class Rpl21UnexplainedLoss extends Rule {

    Rpl21UnexplainedLoss() {
        super(
                "RPL-21",
                "Unexplained recurrent pregnancy loss",
                Citation.ESHRE_2022,
                Citation.RCOG_2023,
                Citation.RBMO_2019);
    }

    @Override
    boolean inclusion(Assessment assessment) {
        return assessment.derived().unexplained();
    }

    @Override
    boolean exclusion(Assessment assessment) {
        return false;
    }

    @Override
    Finding card(Assessment assessment) {
        if (assessment.derived().thrombosis().anticoagulationIndicated()) {
            // A thrombosis, a known thrombophilia or a valve is an indication of its own: aspirin and heparin follow
            // it.
            return finding(
                    assessment,
                    Indicator.INFO,
                    "RPL with normal work-up (unexplained). Offer supportive early-pregnancy care; no immune therapy.",
                    new Detail()
                            .text(
                                    "Thyroid, antiphospholipid and uterine investigations are on record without a cause found.")
                            .evidence("Indication for anticoagulation", indication(assessment))
                            .text("Aspirin and heparin follow that indication, not the pregnancy losses. All guidelines"
                                    + " recommend supportive care for unexplained RPL; progesterone without bleeding"
                                    + " (PROMISE) and immunotherapy do not improve live births."),
                    List.of(),
                    List.of(Citation.RCOG_PATIENT_INFORMATION));
        }
        return finding(
                assessment,
                Indicator.INFO,
                "RPL with normal work-up (unexplained). Offer supportive early-pregnancy care; no aspirin/heparin or immune therapy.",
                new Detail()
                        .text(
                                "Thyroid, antiphospholipid and uterine investigations are on record without a cause found.")
                        .text(
                                "All guidelines recommend supportive care for unexplained RPL; aspirin and heparin (ALIFE2),"
                                        + " progesterone without bleeding (PROMISE) and immunotherapy do not improve live births."),
                List.of(),
                List.of(Citation.RCOG_PATIENT_INFORMATION));
    }

    /** The record entries that make anticoagulation indicated. */
    private static List<Evidence> indication(Assessment assessment) {
        var thrombosis = assessment.derived().thrombosis();
        return java.util.stream.Stream.of(
                        thrombosis.vteHistory(),
                        thrombosis.thromboticAps(),
                        thrombosis.knownThrombophilia(),
                        thrombosis.longTermAnticoagulation(),
                        thrombosis.mechanicalValve())
                .flatMap(f -> f.evidence().stream())
                .distinct()
                .toList();
    }
}
