package org.rplcds.rules;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where a card's advice comes from. Each guideline's label and address are written once, here; a
 * guideline profile names the one whose definition it follows ({@code definition: ESHRE_2022} in
 * {@code guideline-profiles.yml}), or gives a label and address of its own.
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

    public static final Citation ACOG_PB142 = new Citation(
            "ACOG Practice Bulletin No. 142: cerclage for the management of cervical insufficiency (2014)",
            "https://doi.org/10.1097/01.AOG.0000443279.14086.05");
    public static final Citation ATA_2017 = new Citation(
            "ATA 2017 guidelines: thyroid disease during pregnancy and the postpartum",
            "https://doi.org/10.1089/thy.2016.0457");
    public static final Citation SYDNEY_2006 = new Citation(
            "International consensus statement on classification criteria for definite APS (Sydney 2006)",
            "https://doi.org/10.1111/j.1538-7836.2006.01753.x");
    public static final Citation PRISM_2019 = new Citation(
            "PRISM trial: progesterone in women with early pregnancy bleeding (NEJM 2019)",
            "https://doi.org/10.1056/NEJMoa1813730");
    public static final Citation PROMISE_2015 = new Citation(
            "PROMISE trial: progesterone in recurrent miscarriage (NEJM 2015)",
            "https://doi.org/10.1056/NEJMoa1504927");
    public static final Citation NICE_NG126 =
            new Citation("NICE NG126: ectopic pregnancy and miscarriage", "https://www.nice.org.uk/guidance/ng126");
    public static final Citation NICE_NG25 =
            new Citation("NICE NG25: preterm labour and birth", "https://www.nice.org.uk/guidance/ng25");
    public static final Citation NICE_NG133 = new Citation(
            "NICE NG133: hypertension in pregnancy: diagnosis and management",
            "https://www.nice.org.uk/guidance/ng133");
    /** Clinical rules 8.3 R19: fever in pregnancy is read against NICE's sepsis guideline. */
    public static final Citation NICE_NG51 = new Citation(
            "NICE NG51: sepsis: recognition, diagnosis and early management", "https://www.nice.org.uk/guidance/ng51");

    public static final Citation BERGHELLA_2011 = new Citation(
            "Berghella et al. 2011: cerclage for short cervix on ultrasound, meta-analysis",
            "https://doi.org/10.1097/AOG.0b013e31820a8797");
    public static final Citation CDC_STI_2021 = new Citation(
            "CDC sexually transmitted infections treatment guidelines (2021)",
            "https://www.cdc.gov/std/treatment-guidelines/");
    public static final Citation ADA_PREGNANCY = new Citation(
            "ADA Standards of Care: management of diabetes in pregnancy", "https://diabetesjournals.org/care");
    public static final Citation WHO_ANAEMIA = new Citation(
            "WHO: haemoglobin concentrations for the diagnosis of anaemia",
            "https://www.who.int/publications/i/item/WHO-NMH-NHD-MNM-11.1");
    public static final Citation RCOG_PATIENT_INFORMATION = new Citation(
            "RCOG patient information: recurrent miscarriage",
            "https://www.rcog.org.uk/for-the-public/browse-our-patient-information/recurrent-miscarriage/");

    public static final Citation RCOG_GTG_37A = new Citation(
            "RCOG Green-top Guideline No. 37a: reducing the risk of venous thromboembolism during pregnancy and the"
                    + " puerperium (2015)",
            "https://www.rcog.org.uk/guidance/browse-all-guidance/green-top-guidelines/reducing-the-risk-of-thrombosis-and-embolism-during-pregnancy-and-the-puerperium-green-top-guideline-no-37a/");
    public static final Citation ACOG_PB196 = new Citation(
            "ACOG Practice Bulletin No. 196: thromboembolism in pregnancy (2018)",
            "https://www.acog.org/clinical/clinical-guidance/practice-bulletin/articles/2018/07/thromboembolism-in-pregnancy");
    public static final Citation EULAR_2019 = new Citation(
            "EULAR recommendations for the management of antiphospholipid syndrome in adults (2019)",
            "https://doi.org/10.1136/annrheumdis-2019-215213");

    /** The citations above, by the name of their constant. Declared after them: read as they are. */
    private static final Map<String, Citation> NAMED = named();

    /**
     * The citation a profile names, such as {@code ESHRE_2022}; Spring converts the profile's
     * {@code definition} with it, so that an unknown name stops the start.
     */
    public static Citation valueOf(String name) {
        Citation named = NAMED.get(name.trim());
        if (named == null) {
            throw new IllegalArgumentException("no citation is named '" + name + "'; the names are " + NAMED.keySet());
        }
        return named;
    }

    private static Map<String, Citation> named() {
        Map<String, Citation> named = new TreeMap<>();
        for (Field field : Citation.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == Citation.class) {
                try {
                    named.put(field.getName(), (Citation) field.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return Map.copyOf(named);
    }
}
