package org.rplcds.facts;

import java.util.List;

/**
 * What a test measures: each analyte names its value set once, by the id of its file
 * ({@code fhir-resources/valuesets/ValueSet-<id>.json}), and the unit results are compared in.
 * Observations are read for every analyte, and searched with the codes of every analyte.
 */
public enum Analyte implements CodedKind {
    TSH("TSH", "tsh", "mIU/L"),
    FREE_T4("free T4", "free-t4", "ng/dL"),
    TPO_ANTIBODY("TPO antibodies", "tpo-antibody", "IU/mL"),
    LUPUS_ANTICOAGULANT("lupus anticoagulant", "lupus-anticoagulant", ""),
    ANTICARDIOLIPIN_IGG("anticardiolipin IgG", "anticardiolipin-igg", "GPL U/mL"),
    ANTICARDIOLIPIN_IGM("anticardiolipin IgM", "anticardiolipin-igm", "MPL U/mL"),
    ANTICARDIOLIPIN_PANEL("anticardiolipin panel", "anticardiolipin-panel", ""),
    BETA2_GLYCOPROTEIN("anti-beta2-glycoprotein I", "beta2-glycoprotein", "U/mL"),
    KARYOTYPE("karyotype", "karyotype", ""),
    /**
     * A karyotype of pregnancy tissue (products of conception), not of the woman: the same code
     * as hers, told apart by its specimen. Its interpretation is abnormal only for an unbalanced
     * structural abnormality, the finding that calls for the parents' karyotypes.
     */
    TISSUE_KARYOTYPE("pregnancy tissue karyotype", "karyotype", ""),
    /**
     * The partner's karyotype recorded on her chart: the same code as hers, told apart by its
     * {@code focus}, the partner (a RelatedPerson, or a Patient other than her). Never hers.
     */
    PARTNER_KARYOTYPE("partner's karyotype", "karyotype", ""),
    UTERINE_IMAGING("uterine cavity assessment", "uterine-assessment", ""),
    HBA1C("HbA1c", "hba1c", "%"),
    HAEMOGLOBIN("haemoglobin", "haemoglobin", "g/dL"),
    BODY_TEMPERATURE("temperature", "body-temperature", "°C"),
    CERVICAL_LENGTH("cervical length", "cervical-length", "mm"),
    PROLACTIN("prolactin", "prolactin", "ng/mL"),
    BMI("BMI", "bmi", "kg/m2"),
    PRETERM_BIRTHS("preterm births", "preterm-birth-count", ""),
    BODY_WEIGHT("body weight", "body-weight", "kg"),
    AUDIT_C("AUDIT-C", "audit-c", ""),
    SMOKING_STATUS("smoking status", "tobacco-smoking-status", ""),
    CHLAMYDIA("Chlamydia trachomatis", "chlamydia-test", ""),
    GONORRHOEA("Neisseria gonorrhoeae", "gonorrhoea-test", ""),
    MYCOPLASMA("Mycoplasma", "mycoplasma-test", ""),
    MYCOPLASMA_GENITALIUM("Mycoplasma genitalium", "mycoplasma-genitalium-test", ""),
    BACTERIAL_VAGINOSIS("bacterial vaginosis", "bacterial-vaginosis-test", ""),
    FERRITIN("ferritin", "ferritin", "ng/mL"),
    INTRAUTERINE_PREGNANCY("intrauterine pregnancy on scan", "intrauterine-pregnancy", ""),
    FETAL_HEART("fetal heart rate", "fetal-heart", "");

    /**
     * The tests a report alone shows were done: DiagnosticReport codes are
     * read, and searched, for these.
     */
    static final List<Analyte> REPORTED = List.of(KARYOTYPE, UTERINE_IMAGING, CERVICAL_LENGTH);

    private final Entry entry;
    private final String unit;

    Analyte(String label, String valueSetId, String unit) {
        this.entry = Entry.of(label, valueSetId);
        this.unit = unit;
    }

    @Override
    public Entry entry() {
        return entry;
    }

    /** The unit results are normalised to; empty for coded results. */
    public String unit() {
        return unit;
    }
}
