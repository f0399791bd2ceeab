package org.rplcds.rules;

/**
 * Where a card's advice comes from.
 *
 * @param label the guideline's name
 * @param url where a clinician can read it
 */
public record Citation(String label, String url) {

    public static final Citation ESHRE_2022 = new Citation(
            "ESHRE guideline: recurrent pregnancy loss (2022 update)",
            "https://www.eshre.eu/Guidelines-and-Legal/Guidelines/Recurrent-pregnancy-loss");
    public static final Citation RCOG_2023 = new Citation(
            "RCOG Green-top Guideline No. 17: recurrent miscarriage (2023)",
            "https://www.rcog.org.uk/guidance/browse-all-guidance/green-top-guidelines/recurrent-miscarriage-green-top-guideline-no-17/");
    public static final Citation ASRM_2012 = new Citation(
            "ASRM committee opinion: evaluation and treatment of recurrent pregnancy loss (2012)",
            "https://doi.org/10.1016/j.fertnstert.2012.06.048");
    /** The obstetrics textbook the catalogue started from; RCOG's guideline is the nearest to read. */
    public static final Citation SOURCE_TEXT = new Citation(
            "Textbook definition (3 consecutive miscarriages before 28 weeks); see RCOG Green-top Guideline No. 17",
            RCOG_2023.url());
}
