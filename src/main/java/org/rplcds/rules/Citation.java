package org.rplcds.rules;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Map;
import java.util.TreeMap;

/**
 * One source of a card's advice: a guideline, a trial or a reference, each written once, here. A
 * card links each of its sources under the source's own name and year ({@code ESHRE 2022}, {@code
 * RCOG GTG 17 (2023)}), never a combined label; a source without an address (the textbook the
 * catalogue started from) is named in the detail's Sources line and never linked. A guideline profile
 * names the one whose definition it follows ({@code definition: ESHRE_2022} in {@code
 * guideline-profiles.yml}), or gives a label and address of its own.
 *
 * @param label the source's own name and year, as a clinician cites it
 * @param url where a clinician can read it; null for a source that is named only
 */
public record Citation(String label, String url) {

    public static final Citation ESHRE_2022 =
            new Citation("ESHRE 2022", "https://www.eshre.eu/Guidelines-and-Legal/Guidelines/Recurrent-pregnancy-loss");
    public static final Citation RCOG_2023 = new Citation(
            "RCOG GTG 17 (2023)",
            "https://www.rcog.org.uk/guidance/browse-all-guidance/green-top-guidelines/recurrent-miscarriage-green-top-guideline-no-17/");
    public static final Citation ASRM_2012 =
            new Citation("ASRM 2012", "https://doi.org/10.1016/j.fertnstert.2012.06.048");
    /**
     * The obstetrics textbook the catalogue started from (3 consecutive miscarriages before 28
     * weeks): named, never linked, and no other guideline's address stands in for it.
     */
    public static final Citation SOURCE_TEXT = new Citation("source textbook", null);

    public static final Citation ACOG_PB142 =
            new Citation("ACOG PB 142 (2014)", "https://doi.org/10.1097/01.AOG.0000443279.14086.05");
    public static final Citation ATA_2017 = new Citation("ATA 2017", "https://doi.org/10.1089/thy.2016.0457");
    public static final Citation SYDNEY_2006 =
            new Citation("Sydney criteria (2006)", "https://doi.org/10.1111/j.1538-7836.2006.01753.x");
    public static final Citation PRISM_2019 = new Citation("PRISM 2019", "https://doi.org/10.1056/NEJMoa1813730");
    public static final Citation PROMISE_2015 = new Citation("PROMISE 2015", "https://doi.org/10.1056/NEJMoa1504927");
    public static final Citation NICE_NG126 = new Citation("NICE NG126", "https://www.nice.org.uk/guidance/ng126");
    public static final Citation NICE_NG25 = new Citation("NICE NG25", "https://www.nice.org.uk/guidance/ng25");
    public static final Citation NICE_NG133 = new Citation("NICE NG133", "https://www.nice.org.uk/guidance/ng133");
    /** RPL-17 reads fever in pregnancy against NICE's sepsis guideline. */
    public static final Citation NICE_NG51 = new Citation("NICE NG51", "https://www.nice.org.uk/guidance/ng51");

    public static final Citation BERGHELLA_2011 =
            new Citation("Berghella 2011", "https://doi.org/10.1097/AOG.0b013e31820a8797");
    public static final Citation CDC_STI_2021 =
            new Citation("CDC STI guidelines 2021", "https://www.cdc.gov/std/treatment-guidelines/");
    public static final Citation ADA_PREGNANCY =
            new Citation("ADA Standards of Care", "https://diabetesjournals.org/care");
    public static final Citation WHO_ANAEMIA =
            new Citation("WHO 2011", "https://www.who.int/publications/i/item/WHO-NMH-NHD-MNM-11.1");
    public static final Citation RCOG_PATIENT_INFORMATION = new Citation(
            "RCOG patient information",
            "https://www.rcog.org.uk/for-the-public/browse-our-patient-information/recurrent-miscarriage/");
    /** NICE PH27: weight management before, during and after pregnancy (folic acid 5 mg with a BMI of 30 or more). */
    public static final Citation NICE_PH27 = new Citation("NICE PH27", "https://www.nice.org.uk/guidance/ph27");
    /** RCOG Green-top Guideline No. 75, cervical cerclage (2022). */
    public static final Citation RCOG_GTG75 = new Citation(
            "RCOG GTG 75 (2022)",
            "https://www.rcog.org.uk/guidance/browse-all-guidance/green-top-guidelines/cervical-cerclage-green-top-guideline-no-75/");
    /** RCOG's Scientific Impact Paper on thyroid disease and miscarriage: named, no verified address. */
    public static final Citation RCOG_SIP_THYROID = new Citation("RCOG Scientific Impact Paper (thyroid)", null);
    /** The 2019 comparison of (inter)national RPL guidelines in RBMO: named, no verified address. */
    public static final Citation RBMO_2019 = new Citation("RBMO 2019 guideline comparison", null);

    /** Whether a card may link it: a source without an address is named only. */
    public boolean linked() {
        return url != null && !url.isBlank();
    }

    public static final Citation RCOG_GTG_37A = new Citation(
            "RCOG GTG 37a (2015)",
            "https://www.rcog.org.uk/guidance/browse-all-guidance/green-top-guidelines/reducing-the-risk-of-thrombosis-and-embolism-during-pregnancy-and-the-puerperium-green-top-guideline-no-37a/");
    public static final Citation ACOG_PB196 = new Citation(
            "ACOG PB 196 (2018)",
            "https://www.acog.org/clinical/clinical-guidance/practice-bulletin/articles/2018/07/thromboembolism-in-pregnancy");
    public static final Citation EULAR_2019 =
            new Citation("EULAR 2019", "https://doi.org/10.1136/annrheumdis-2019-215213");

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
