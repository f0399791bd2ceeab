package org.rplcds.facts;

import java.util.List;

/** Names each value set of {@code fhir-resources/valuesets/} once, by its canonical URL. */
public final class ValueSets {

    static final String BASE = "http://recurrent-miscarriage-cds.org/fhir/ValueSet/";

    /** Alcohol use in pregnancy. */
    public static final String ALCOHOL_IN_PREGNANCY = BASE + "alcohol-in-pregnancy";

    /** Anticardiolipin IgG. */
    public static final String ANTICARDIOLIPIN_IGG = BASE + "anticardiolipin-igg";

    /** Anticardiolipin IgM. */
    public static final String ANTICARDIOLIPIN_IGM = BASE + "anticardiolipin-igm";

    /** Anticardiolipin panel. */
    public static final String ANTICARDIOLIPIN_PANEL = BASE + "anticardiolipin-panel";

    /** Antiphospholipid syndrome. */
    public static final String ANTIPHOSPHOLIPID_SYNDROME = BASE + "antiphospholipid-syndrome";

    /** Autoimmune disease that is a pre-eclampsia risk factor (clinical rules 8.7). */
    public static final String AUTOIMMUNE_DISEASE = BASE + "autoimmune-disease";

    /** Aspirin. */
    public static final String ASPIRIN = BASE + "aspirin";

    /** AUDIT-C score. */
    public static final String AUDIT_C = BASE + "audit-c";

    /** Bacterial vaginosis. */
    public static final String BACTERIAL_VAGINOSIS = BASE + "bacterial-vaginosis";

    /** Bacterial vaginosis test. */
    public static final String BACTERIAL_VAGINOSIS_TEST = BASE + "bacterial-vaginosis-test";

    /** Structural chromosome rearrangement carrier. */
    public static final String BALANCED_TRANSLOCATION = BASE + "balanced-translocation";

    /** Anti-beta2-glycoprotein I. */
    public static final String BETA2_GLYCOPROTEIN = BASE + "beta2-glycoprotein";

    /** Biochemical pregnancy loss. */
    public static final String BIOCHEMICAL_PREGNANCY = BASE + "biochemical-pregnancy";

    /** Body mass index. */
    public static final String BMI = BASE + "bmi";

    /** Body temperature. */
    public static final String BODY_TEMPERATURE = BASE + "body-temperature";

    /** Cervical cerclage. */
    public static final String CERCLAGE = BASE + "cerclage";

    /** Cervical cerclage by the vaginal approach (clinical rules §8 R20). */
    public static final String VAGINAL_CERCLAGE = BASE + "cerclage-vaginal";

    /** Cervical cerclage by the abdominal approach (clinical rules §8 R20). */
    public static final String ABDOMINAL_CERCLAGE = BASE + "cerclage-abdominal";

    /** Cervical cerclage in situ. */
    public static final String CERCLAGE_IN_SITU = BASE + "cerclage-in-situ";

    /** Cerclage removal. */
    public static final String CERCLAGE_REMOVAL = BASE + "cerclage-removal";

    /** Cervical insufficiency. */
    public static final String CERVICAL_INSUFFICIENCY = BASE + "cervical-insufficiency";

    /** Cervical length. */
    public static final String CERVICAL_LENGTH = BASE + "cervical-length";

    /** Chlamydial infection. */
    public static final String CHLAMYDIA_INFECTION = BASE + "chlamydia-infection";

    /** Chlamydia trachomatis test. */
    public static final String CHLAMYDIA_TEST = BASE + "chlamydia-test";

    /** Chronic kidney disease. */
    public static final String CHRONIC_KIDNEY_DISEASE = BASE + "chronic-kidney-disease";

    /** Current smoker. */
    public static final String CURRENT_SMOKER = BASE + "current-smoker";

    /** Diabetes mellitus. */
    public static final String DIABETES = BASE + "diabetes";

    /** Early pregnancy bleeding. */
    public static final String EARLY_PREGNANCY_BLEEDING = BASE + "early-pregnancy-bleeding";

    /** Ectopic pregnancy. */
    public static final String ECTOPIC_PREGNANCY = BASE + "ectopic-pregnancy";

    /** Estimated date of delivery. */
    public static final String ESTIMATED_DUE_DATE = BASE + "estimated-due-date";

    /** Ferritin. */
    public static final String FERRITIN = BASE + "ferritin";

    /** Stillbirth and fetal death. */
    public static final String FETAL_DEATH = BASE + "fetal-death";

    /** Fever. */
    public static final String FEVER = BASE + "fever";

    /** Free thyroxine. */
    public static final String FREE_T4 = BASE + "free-t4";

    /** Gestational age. */
    public static final String GESTATIONAL_AGE = BASE + "gestational-age";

    /** Weeks of gestation. */
    public static final String GESTATIONAL_WEEKS_CODE = BASE + "gestational-weeks-code";

    /** Gonococcal infection. */
    public static final String GONORRHOEA_INFECTION = BASE + "gonorrhoea-infection";

    /** Neisseria gonorrhoeae test. */
    public static final String GONORRHOEA_TEST = BASE + "gonorrhoea-test";

    /** Haemoglobin. */
    public static final String HAEMOGLOBIN = BASE + "haemoglobin";

    /** Haemoglobin A1c. */
    public static final String HBA1C = BASE + "hba1c";

    /** Heart failure. */
    public static final String HEART_FAILURE = BASE + "heart-failure";

    /** Heparin and low-molecular-weight heparin. */
    public static final String HEPARIN = BASE + "heparin";

    /** Hyperprolactinaemia. */
    public static final String HYPERPROLACTINAEMIA = BASE + "hyperprolactinaemia";

    /** Chronic hypertension. */
    public static final String HYPERTENSION = BASE + "hypertension";

    /** Hypothyroidism. */
    public static final String HYPOTHYROIDISM = BASE + "hypothyroidism";

    /** Induced termination of pregnancy. */
    public static final String INDUCED_ABORTION = BASE + "induced-abortion";

    /** Intrauterine adhesions. */
    public static final String INTRAUTERINE_ADHESIONS = BASE + "intrauterine-adhesions";

    /** Maternal care for intrauterine death. */
    public static final String INTRAUTERINE_DEATH = BASE + "intrauterine-death";

    /** Karyotype. */
    public static final String KARYOTYPE = BASE + "karyotype";

    /** Last menstrual period. */
    public static final String LAST_MENSTRUAL_PERIOD = BASE + "last-menstrual-period";

    /** Levothyroxine. */
    public static final String LEVOTHYROXINE = BASE + "levothyroxine";

    /** Live birth. */
    public static final String LIVE_BIRTH = BASE + "live-birth";

    /** Lupus anticoagulant. */
    public static final String LUPUS_ANTICOAGULANT = BASE + "lupus-anticoagulant";

    /** Male partner tested. */
    public static final String MALE_PARTNER_TESTING = BASE + "male-partner-testing";

    /** Spontaneous miscarriage. */
    public static final String MISCARRIAGE = BASE + "miscarriage";

    /** History of miscarriage, count unknown. */
    public static final String MISCARRIAGE_HISTORY = BASE + "miscarriage-history";

    /** Second-trimester miscarriage. */
    public static final String MISCARRIAGE_SECOND_TRIMESTER = BASE + "miscarriage-second-trimester";

    /** Molar pregnancy. */
    public static final String MOLAR_PREGNANCY = BASE + "molar-pregnancy";

    /** Congenital uterine anomaly. */
    public static final String MULLERIAN_ANOMALY = BASE + "mullerian-anomaly";

    /** Mycoplasma infection. */
    public static final String MYCOPLASMA_INFECTION = BASE + "mycoplasma-infection";

    /** Mycoplasma test. */
    public static final String MYCOPLASMA_TEST = BASE + "mycoplasma-test";

    /** Negative result. */
    public static final String NEGATIVE_RESULT = BASE + "negative-result";

    /** Oligomenorrhoea or amenorrhoea. */
    public static final String OLIGO_AMENORRHOEA = BASE + "oligo-amenorrhoea";

    /** Oral iron. */
    public static final String ORAL_IRON = BASE + "oral-iron";

    /** Positive result. */
    public static final String POSITIVE_RESULT = BASE + "positive-result";

    /** Current pregnancy. */
    public static final String PREGNANCY = BASE + "pregnancy";

    /** Pregnancy status. */
    public static final String PREGNANCY_STATUS = BASE + "pregnancy-status";

    /** Pregnant. */
    public static final String PREGNANT_VALUE = BASE + "pregnant-value";

    /** Progesterone. */
    public static final String PROGESTERONE = BASE + "progesterone";

    /** Prolactin. */
    public static final String PROLACTIN = BASE + "prolactin";

    /** Recurrent pregnancy loss asserted. */
    public static final String RECURRENT_PREGNANCY_LOSS = BASE + "recurrent-pregnancy-loss";

    /** Number of spontaneous abortions. */
    public static final String SPONTANEOUS_ABORTION_COUNT = BASE + "spontaneous-abortion-count";

    /** Treatment of a spontaneous loss. */
    public static final String SPONTANEOUS_LOSS_PROCEDURE = BASE + "spontaneous-loss-procedure";

    /** Sexually transmitted infection complicating pregnancy. */
    public static final String STI_IN_PREGNANCY = BASE + "sti-in-pregnancy";

    /** Submucous fibroid. */
    public static final String SUBMUCOUS_FIBROID = BASE + "submucous-fibroid";

    /** Tobacco smoking status. */
    public static final String TOBACCO_SMOKING_STATUS = BASE + "tobacco-smoking-status";

    /** Tobacco use. */
    public static final String TOBACCO_USE = BASE + "tobacco-use";

    /** Thyroperoxidase antibody. */
    public static final String TPO_ANTIBODY = BASE + "tpo-antibody";

    /** Thyrotropin. */
    public static final String TSH = BASE + "tsh";

    /** Uterine cavity assessment. */
    public static final String UTERINE_ASSESSMENT = BASE + "uterine-assessment";

    /** Hysteroscopic correction. */
    public static final String UTERINE_CORRECTIVE_PROCEDURE = BASE + "uterine-corrective-procedure";

    /** Venous thromboembolism. */
    public static final String VENOUS_THROMBOEMBOLISM = BASE + "venous-thromboembolism";

    /** A scan finding of an intrauterine pregnancy (clinical rules §8 R16). */
    public static final String INTRAUTERINE_PREGNANCY = BASE + "intrauterine-pregnancy";

    /** Fetal heart rate (clinical rules §8 R16). */
    public static final String FETAL_HEART = BASE + "fetal-heart";

    /** Septate uterus. */
    public static final String UTERINE_SEPTUM = BASE + "uterine-septum";

    /** Every value set the code names; the terminology refuses to start if one has no file. */
    public static final List<String> ALL = List.of(
            ALCOHOL_IN_PREGNANCY,
            ANTICARDIOLIPIN_IGG,
            ANTICARDIOLIPIN_IGM,
            ANTICARDIOLIPIN_PANEL,
            ANTIPHOSPHOLIPID_SYNDROME,
            ASPIRIN,
            AUDIT_C,
            AUTOIMMUNE_DISEASE,
            BACTERIAL_VAGINOSIS,
            BACTERIAL_VAGINOSIS_TEST,
            BALANCED_TRANSLOCATION,
            BETA2_GLYCOPROTEIN,
            BIOCHEMICAL_PREGNANCY,
            BMI,
            BODY_TEMPERATURE,
            ABDOMINAL_CERCLAGE,
            CERCLAGE,
            CERCLAGE_IN_SITU,
            CERCLAGE_REMOVAL,
            CERVICAL_INSUFFICIENCY,
            CERVICAL_LENGTH,
            CHLAMYDIA_INFECTION,
            CHLAMYDIA_TEST,
            CHRONIC_KIDNEY_DISEASE,
            CURRENT_SMOKER,
            DIABETES,
            EARLY_PREGNANCY_BLEEDING,
            ECTOPIC_PREGNANCY,
            ESTIMATED_DUE_DATE,
            FERRITIN,
            FETAL_DEATH,
            FETAL_HEART,
            FEVER,
            FREE_T4,
            GESTATIONAL_AGE,
            GESTATIONAL_WEEKS_CODE,
            GONORRHOEA_INFECTION,
            GONORRHOEA_TEST,
            HAEMOGLOBIN,
            HBA1C,
            HEART_FAILURE,
            HEPARIN,
            HYPERPROLACTINAEMIA,
            HYPERTENSION,
            HYPOTHYROIDISM,
            INDUCED_ABORTION,
            INTRAUTERINE_ADHESIONS,
            INTRAUTERINE_DEATH,
            INTRAUTERINE_PREGNANCY,
            KARYOTYPE,
            LAST_MENSTRUAL_PERIOD,
            LEVOTHYROXINE,
            LIVE_BIRTH,
            LUPUS_ANTICOAGULANT,
            MALE_PARTNER_TESTING,
            MISCARRIAGE,
            MISCARRIAGE_HISTORY,
            MISCARRIAGE_SECOND_TRIMESTER,
            MOLAR_PREGNANCY,
            MULLERIAN_ANOMALY,
            MYCOPLASMA_INFECTION,
            MYCOPLASMA_TEST,
            NEGATIVE_RESULT,
            OLIGO_AMENORRHOEA,
            ORAL_IRON,
            POSITIVE_RESULT,
            PREGNANCY,
            PREGNANCY_STATUS,
            PREGNANT_VALUE,
            PROGESTERONE,
            PROLACTIN,
            RECURRENT_PREGNANCY_LOSS,
            SPONTANEOUS_ABORTION_COUNT,
            SPONTANEOUS_LOSS_PROCEDURE,
            STI_IN_PREGNANCY,
            SUBMUCOUS_FIBROID,
            TOBACCO_SMOKING_STATUS,
            TOBACCO_USE,
            TPO_ANTIBODY,
            TSH,
            UTERINE_ASSESSMENT,
            UTERINE_CORRECTIVE_PROCEDURE,
            UTERINE_SEPTUM,
            VAGINAL_CERCLAGE,
            VENOUS_THROMBOEMBOLISM);

    private ValueSets() {}
}
