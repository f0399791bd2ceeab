package org.rplcds.rules;

/** The codes cards suggest: orders and prescriptions as the catalogue names them. */
final class SuggestedCodes {

    static final Concept KARYOTYPE =
            new Concept(Concept.LOINC, "29770-5", "Karyotype [Identifier] in Blood or Tissue Nominal");
    static final Concept TSH = new Concept(Concept.LOINC, "3016-3", "Thyrotropin [Units/volume] in Serum or Plasma");
    static final Concept FREE_T4 =
            new Concept(Concept.LOINC, "3024-7", "Thyroxine (T4) free [Mass/volume] in Serum or Plasma");
    static final Concept TPO_ANTIBODY =
            new Concept(Concept.LOINC, "8099-4", "Thyroperoxidase Ab [Units/volume] in Serum or Plasma");
    static final Concept LUPUS_ANTICOAGULANT = new Concept(
            Concept.LOINC,
            "15191-0",
            "Lupus anticoagulant neutralization dilute phospholipid [Presence] in Platelet poor plasma");
    static final Concept ANTICARDIOLIPIN =
            new Concept(Concept.LOINC, "24319-6", "Cardiolipin IgG and IgM panel - Serum");
    static final Concept BETA2_GLYCOPROTEIN =
            new Concept(Concept.LOINC, "72488-0", "Beta 2 glycoprotein 1 IgG and IgM panel - Serum");
    static final Concept HSG =
            new Concept(Concept.LOINC, "25022-5", "RF Uterus and Fallopian tubes Views W contrast IU");
    static final Concept HBA1C = new Concept(Concept.LOINC, "4548-4", "Hemoglobin A1c/Hemoglobin.total in Blood");
    static final Concept PROLACTIN = new Concept(Concept.LOINC, "2842-3", "Prolactin [Mass/volume] in Serum or Plasma");
    static final Concept CERVICAL_LENGTH = new Concept(Concept.LOINC, "11961-0", "Cervix Length (US)");
    static final Concept FERRITIN = new Concept(Concept.LOINC, "2276-4", "Ferritin [Mass/volume] in Serum or Plasma");
    static final Concept CHLAMYDIA_TEST = new Concept(
            Concept.LOINC, "21613-5", "Chlamydia trachomatis DNA [Presence] in Specimen by NAA with probe detection");
    /** Clinical rules §8 R19: the work-up of fever in pregnancy. */
    static final Concept FULL_BLOOD_COUNT =
            new Concept(Concept.LOINC, "58410-2", "CBC panel - Blood by Automated count");

    static final Concept CRP =
            new Concept(Concept.LOINC, "1988-5", "C reactive protein [Mass/volume] in Serum or Plasma");
    static final Concept URINE_CULTURE = new Concept(Concept.LOINC, "630-4", "Bacteria identified in Urine by Culture");
    static final Concept CERCLAGE =
            new Concept(Concept.SNOMED, "90442009", "Cerclage of cervix during pregnancy by vaginal approach");
    /**
     * Text only (clinical rules §8.7 R20): CPT 59871 means removal under anaesthesia, which a routine
     * removal does not need, and SNOMED 259863001 names a Shirodkar suture.
     */
    static final Concept CERCLAGE_REMOVAL = text("Removal of cervical cerclage");

    static final Concept SHIRODKAR_REMOVAL = text("Removal of Shirodkar cerclage");

    /** No verified code: text only (clinical rules §8 R16). */
    static final Concept PREGNANCY_LOCATION_SCAN = text("Transvaginal ultrasound to confirm an intrauterine pregnancy");

    static final Concept PROGESTERONE = new Concept(Concept.RXNORM, "8727", "Progesterone");
    static final Concept LEVOTHYROXINE = new Concept(Concept.RXNORM, "10582", "levothyroxine");
    static final Concept ASPIRIN_81 = new Concept(Concept.RXNORM, "243670", "aspirin 81 MG Oral Tablet");
    static final Concept ENOXAPARIN_40 =
            new Concept(Concept.RXNORM, "854235", "0.4 ML enoxaparin sodium 100 MG/ML Prefilled Syringe");
    static final Concept FERROUS_SULFATE = new Concept(Concept.RXNORM, "310325", "ferrous sulfate 325 MG Oral Tablet");

    private SuggestedCodes() {}

    /** A referral or request described in words only: no verified code exists for it. */
    static Concept text(String text) {
        return new Concept(null, null, text);
    }
}
