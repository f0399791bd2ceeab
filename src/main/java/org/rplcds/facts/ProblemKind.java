package org.rplcds.facts;

/**
 * Diagnoses the rules look for, each naming its value set once, by the id of its file
 * ({@code fhir-resources/valuesets/ValueSet-<id>.json}).
 */
public enum ProblemKind implements CodedKind {
    CERVICAL_INSUFFICIENCY("cervical insufficiency", "cervical-insufficiency"),
    CERCLAGE_IN_SITU("cerclage in situ", "cerclage-in-situ"),
    MULLERIAN_ANOMALY("congenital uterine anomaly", "mullerian-anomaly"),
    UTERINE_SEPTUM("uterine septum", "uterine-septum"),
    INTRAUTERINE_ADHESIONS("intrauterine adhesions", "intrauterine-adhesions"),
    SUBMUCOUS_FIBROID("submucous fibroid", "submucous-fibroid"),
    HYPOTHYROIDISM("hypothyroidism", "hypothyroidism"),
    DIABETES("diabetes", "diabetes"),
    PREGESTATIONAL_DIABETES("type 1 or type 2 diabetes", "pregestational-diabetes"),
    HYPERPROLACTINAEMIA("hyperprolactinaemia", "hyperprolactinaemia"),
    OLIGO_AMENORRHOEA("oligo/amenorrhoea", "oligo-amenorrhoea"),
    ANTIPHOSPHOLIPID_SYNDROME("antiphospholipid syndrome", "antiphospholipid-syndrome"),
    BALANCED_TRANSLOCATION("balanced chromosome rearrangement", "balanced-translocation"),
    CHRONIC_KIDNEY_DISEASE("chronic kidney disease", "chronic-kidney-disease"),
    HYPERTENSION("chronic hypertension", "hypertension"),
    HYPERTENSIVE_PREGNANCY("hypertensive disorder of pregnancy", "hypertensive-disorder-of-pregnancy"),
    HEART_FAILURE("heart failure", "heart-failure"),
    /** Menopause, or no uterus: reproduction has ended. */
    REPRODUCTION_ENDED("menopause or absent uterus", "reproduction-ended"),
    /** Infertility care or procreative management: she is trying to conceive. */
    FERTILITY_CARE("infertility or procreative management", "fertility-care"),
    /** Recurrent pregnancy loss diagnosed, read with its status and date. */
    RECURRENT_PREGNANCY_LOSS("recurrent pregnancy loss", "recurrent-pregnancy-loss"),
    EARLY_PREGNANCY_BLEEDING("early pregnancy bleeding", "early-pregnancy-bleeding"),
    FEVER("fever", "fever"),
    TOBACCO_USE("tobacco use", "tobacco-use"),
    ALCOHOL_IN_PREGNANCY("alcohol use in pregnancy", "alcohol-in-pregnancy"),
    CHLAMYDIA("chlamydial infection", "chlamydia-infection"),
    GONORRHOEA("gonococcal infection", "gonorrhoea-infection"),
    MYCOPLASMA("mycoplasma infection", "mycoplasma-infection"),
    BACTERIAL_VAGINOSIS("bacterial vaginosis", "bacterial-vaginosis"),
    VAGINAL_SYMPTOM("vaginal symptom", "vaginal-symptom"),
    STI_IN_PREGNANCY("sexually transmitted infection in pregnancy", "sti-in-pregnancy"),
    MALE_PARTNER_TESTED("male partner tested", "male-partner-testing"),
    VENOUS_THROMBOEMBOLISM("venous thromboembolism", "venous-thromboembolism"),
    ARTERIAL_THROMBOSIS("arterial thrombosis", "arterial-thrombosis"),
    LONG_TERM_ANTICOAGULATION("long-term anticoagulant use", "long-term-anticoagulant-use"),
    KNOWN_THROMBOPHILIA("known thrombophilia", "known-thrombophilia"),
    MECHANICAL_HEART_VALVE("mechanical heart valve", "mechanical-heart-valve"),
    IVIG_INDICATION("indication for immune globulin", "ivig-indication"),
    HLA_TEST_INDICATION("indication for HLA typing", "hla-test-indication"),
    LONG_TERM_ANTIPLATELET("long-term antiplatelet or aspirin use", "long-term-antiplatelet-use"),
    FAMILY_HISTORY_VTE("family history of venous thromboembolism", "family-history-vte"),
    GLUCOCORTICOID_INDICATION("indication for a glucocorticoid", "glucocorticoid-indication"),
    HCG_INDICATION("fertility care", "hcg-indication"),
    GCSF_INDICATION("indication for G-CSF", "gcsf-indication"),
    AUTOIMMUNE_DISEASE("autoimmune disease", "autoimmune-disease"),
    INTRAUTERINE_PREGNANCY("intrauterine pregnancy", "intrauterine-pregnancy"),
    ECTOPIC_PREGNANCY("ectopic pregnancy", "ectopic-pregnancy"),
    /** A pregnancy of unknown location: no verified code, the site lists its own. */
    PREGNANCY_UNKNOWN_LOCATION("pregnancy of unknown location", "pregnancy-unknown-location"),
    /** A pregnancy after assisted reproduction, whose progesterone is luteal support. */
    ART_PREGNANCY("pregnancy after assisted reproduction", "art-pregnancy"),
    PRETERM_BIRTH_HISTORY("previous preterm birth", "preterm-birth-history");

    private final Entry entry;

    ProblemKind(String label, String valueSetId) {
        this.entry = Entry.of(label, valueSetId);
    }

    @Override
    public Entry entry() {
        return entry;
    }
}
