package org.rplcds.facts;

/** What a test measures: each analyte has its value set and the unit results are compared in. */
public enum Analyte {
    TSH("TSH", ValueSets.TSH, "mIU/L"),
    FREE_T4("free T4", ValueSets.FREE_T4, "ng/dL"),
    TPO_ANTIBODY("TPO antibodies", ValueSets.TPO_ANTIBODY, "IU/mL"),
    LUPUS_ANTICOAGULANT("lupus anticoagulant", ValueSets.LUPUS_ANTICOAGULANT, ""),
    ANTICARDIOLIPIN_IGG("anticardiolipin IgG", ValueSets.ANTICARDIOLIPIN_IGG, "GPL U/mL"),
    ANTICARDIOLIPIN_IGM("anticardiolipin IgM", ValueSets.ANTICARDIOLIPIN_IGM, "MPL U/mL"),
    ANTICARDIOLIPIN_PANEL("anticardiolipin panel", ValueSets.ANTICARDIOLIPIN_PANEL, ""),
    BETA2_GLYCOPROTEIN("anti-beta2-glycoprotein I", ValueSets.BETA2_GLYCOPROTEIN, "U/mL"),
    KARYOTYPE("karyotype", ValueSets.KARYOTYPE, ""),
    UTERINE_IMAGING("uterine cavity assessment", ValueSets.UTERINE_ASSESSMENT, ""),
    HBA1C("HbA1c", ValueSets.HBA1C, "%"),
    HAEMOGLOBIN("haemoglobin", ValueSets.HAEMOGLOBIN, "g/dL"),
    BODY_TEMPERATURE("temperature", ValueSets.BODY_TEMPERATURE, "°C"),
    CERVICAL_LENGTH("cervical length", ValueSets.CERVICAL_LENGTH, "mm"),
    PROLACTIN("prolactin", ValueSets.PROLACTIN, "ng/mL"),
    BMI("BMI", ValueSets.BMI, "kg/m2"),
    AUDIT_C("AUDIT-C", ValueSets.AUDIT_C, ""),
    SMOKING_STATUS("smoking status", ValueSets.TOBACCO_SMOKING_STATUS, ""),
    CHLAMYDIA("Chlamydia trachomatis", ValueSets.CHLAMYDIA_TEST, ""),
    GONORRHOEA("Neisseria gonorrhoeae", ValueSets.GONORRHOEA_TEST, ""),
    MYCOPLASMA("Mycoplasma", ValueSets.MYCOPLASMA_TEST, ""),
    BACTERIAL_VAGINOSIS("bacterial vaginosis", ValueSets.BACTERIAL_VAGINOSIS_TEST, ""),
    FERRITIN("ferritin", ValueSets.FERRITIN, "ng/mL"),
    INTRAUTERINE_PREGNANCY("intrauterine pregnancy on scan", ValueSets.INTRAUTERINE_PREGNANCY, ""),
    FETAL_HEART("fetal heart rate", ValueSets.FETAL_HEART, "");

    private final String label;
    private final String valueSet;
    private final String unit;

    Analyte(String label, String valueSet, String unit) {
        this.label = label;
        this.valueSet = valueSet;
        this.unit = unit;
    }

    /** The name a clinician reads on a card. */
    public String label() {
        return label;
    }

    String valueSet() {
        return valueSet;
    }

    /** The unit results are normalised to; empty for coded results. */
    public String unit() {
        return unit;
    }
}
