package org.rplcds.facts;

/** Diagnoses the rules look for, each with its value set. */
public enum ProblemKind {
    CERVICAL_INSUFFICIENCY("cervical insufficiency", ValueSets.CERVICAL_INSUFFICIENCY),
    CERCLAGE_IN_SITU("cerclage in situ", ValueSets.CERCLAGE_IN_SITU),
    MULLERIAN_ANOMALY("congenital uterine anomaly", ValueSets.MULLERIAN_ANOMALY),
    UTERINE_SEPTUM("uterine septum", ValueSets.UTERINE_SEPTUM),
    INTRAUTERINE_ADHESIONS("intrauterine adhesions", ValueSets.INTRAUTERINE_ADHESIONS),
    SUBMUCOUS_FIBROID("submucous fibroid", ValueSets.SUBMUCOUS_FIBROID),
    HYPOTHYROIDISM("hypothyroidism", ValueSets.HYPOTHYROIDISM),
    DIABETES("diabetes", ValueSets.DIABETES),
    HYPERPROLACTINAEMIA("hyperprolactinaemia", ValueSets.HYPERPROLACTINAEMIA),
    OLIGO_AMENORRHOEA("oligo/amenorrhoea", ValueSets.OLIGO_AMENORRHOEA),
    ANTIPHOSPHOLIPID_SYNDROME("antiphospholipid syndrome", ValueSets.ANTIPHOSPHOLIPID_SYNDROME),
    BALANCED_TRANSLOCATION("balanced chromosome rearrangement", ValueSets.BALANCED_TRANSLOCATION),
    CHRONIC_KIDNEY_DISEASE("chronic kidney disease", ValueSets.CHRONIC_KIDNEY_DISEASE),
    HYPERTENSION("chronic hypertension", ValueSets.HYPERTENSION),
    HEART_FAILURE("heart failure", ValueSets.HEART_FAILURE),
    EARLY_PREGNANCY_BLEEDING("early pregnancy bleeding", ValueSets.EARLY_PREGNANCY_BLEEDING),
    FEVER("fever", ValueSets.FEVER),
    TOBACCO_USE("tobacco use", ValueSets.TOBACCO_USE),
    ALCOHOL_IN_PREGNANCY("alcohol use in pregnancy", ValueSets.ALCOHOL_IN_PREGNANCY),
    CHLAMYDIA("chlamydial infection", ValueSets.CHLAMYDIA_INFECTION),
    GONORRHOEA("gonococcal infection", ValueSets.GONORRHOEA_INFECTION),
    MYCOPLASMA("mycoplasma infection", ValueSets.MYCOPLASMA_INFECTION),
    BACTERIAL_VAGINOSIS("bacterial vaginosis", ValueSets.BACTERIAL_VAGINOSIS),
    STI_IN_PREGNANCY("sexually transmitted infection in pregnancy", ValueSets.STI_IN_PREGNANCY),
    MALE_PARTNER_TESTED("male partner tested", ValueSets.MALE_PARTNER_TESTING),
    VENOUS_THROMBOEMBOLISM("venous thromboembolism", ValueSets.VENOUS_THROMBOEMBOLISM),
    AUTOIMMUNE_DISEASE("autoimmune disease", ValueSets.AUTOIMMUNE_DISEASE),
    INTRAUTERINE_PREGNANCY("intrauterine pregnancy", ValueSets.INTRAUTERINE_PREGNANCY),
    ECTOPIC_PREGNANCY("ectopic pregnancy", ValueSets.ECTOPIC_PREGNANCY);

    private final String label;
    private final String valueSet;

    ProblemKind(String label, String valueSet) {
        this.label = label;
        this.valueSet = valueSet;
    }

    public String label() {
        return label;
    }

    String valueSet() {
        return valueSet;
    }
}
