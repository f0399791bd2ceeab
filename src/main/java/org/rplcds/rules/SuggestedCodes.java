package org.rplcds.rules;

import org.rplcds.facts.Analyte;
import org.rplcds.facts.Drug;
import org.rplcds.facts.ListedCodes;
import org.rplcds.facts.ProcedureKind;

/**
 * The codes cards suggest: orders and prescriptions as the catalogue names them. A code of a value
 * set the facts read is looked up in that value set's file, with its system and display; only
 * orders no rule reads back are coded here.
 */
final class SuggestedCodes {

    static final Concept KARYOTYPE = listed(Analyte.KARYOTYPE.valueSet(), "29770-5");
    static final Concept TSH = listed(Analyte.TSH.valueSet(), "3016-3");
    static final Concept FREE_T4 = listed(Analyte.FREE_T4.valueSet(), "3024-7");
    static final Concept TPO_ANTIBODY = listed(Analyte.TPO_ANTIBODY.valueSet(), "8099-4");
    static final Concept LUPUS_ANTICOAGULANT = listed(Analyte.LUPUS_ANTICOAGULANT.valueSet(), "15191-0");
    static final Concept ANTICARDIOLIPIN = listed(Analyte.ANTICARDIOLIPIN_PANEL.valueSet(), "24319-6");
    static final Concept BETA2_GLYCOPROTEIN = listed(Analyte.BETA2_GLYCOPROTEIN.valueSet(), "72488-0");
    static final Concept HSG = listed(Analyte.UTERINE_IMAGING.valueSet(), "25022-5");
    static final Concept HBA1C = listed(Analyte.HBA1C.valueSet(), "4548-4");
    static final Concept PROLACTIN = listed(Analyte.PROLACTIN.valueSet(), "2842-3");
    static final Concept CERVICAL_LENGTH = listed(Analyte.CERVICAL_LENGTH.valueSet(), "11961-0");
    static final Concept FERRITIN = listed(Analyte.FERRITIN.valueSet(), "2276-4");
    static final Concept CHLAMYDIA_TEST = listed(Analyte.CHLAMYDIA.valueSet(), "21613-5");
    /** The work-up of fever in pregnancy (RPL-17). */
    static final Concept FULL_BLOOD_COUNT =
            new Concept(Concept.LOINC, "58410-2", "CBC panel - Blood by Automated count");

    static final Concept CRP =
            new Concept(Concept.LOINC, "1988-5", "C reactive protein [Mass/volume] in Serum or Plasma");
    static final Concept URINE_CULTURE = new Concept(Concept.LOINC, "630-4", "Bacteria identified in Urine by Culture");
    /** The work-up of severe anaemia (LOINC Universal Lab Orders). */
    static final Concept RETICULOCYTES =
            new Concept(Concept.LOINC, "17849-1", "Reticulocytes/100 erythrocytes in Blood by Automated count");

    static final Concept VITAMIN_B12 =
            new Concept(Concept.LOINC, "2132-9", "Cobalamin (Vitamin B12) [Mass/volume] in Serum or Plasma");
    static final Concept FOLATE = new Concept(Concept.LOINC, "2284-8", "Folate [Mass/volume] in Serum or Plasma");
    /** No one verified code orders a haemoglobinopathy screen, a review, a transfusion or intravenous iron: text. */
    static final Concept HAEMOGLOBINOPATHY_SCREEN = text("Haemoglobinopathy screen");

    static final Concept SAME_DAY_REVIEW = text("Same-day obstetric or medical review");
    static final Concept RED_CELL_TRANSFUSION = text("Red-cell transfusion if symptomatic or bleeding");
    static final Concept INTRAVENOUS_IRON = text("Intravenous iron once ferritin confirms iron deficiency");
    static final Concept CERCLAGE = listed(ProcedureKind.VAGINAL_CERCLAGE.valueSet(), "90442009");
    /**
     * Text only: CPT 59871 means removal under anaesthesia, which a routine
     * removal does not need, and SNOMED 259863001 names a Shirodkar suture.
     */
    static final Concept CERCLAGE_REMOVAL = text("Removal of cervical cerclage");

    static final Concept SHIRODKAR_REMOVAL = text("Removal of Shirodkar cerclage");

    /** No verified code: text only. */
    static final Concept PREGNANCY_LOCATION_SCAN = text("Transvaginal ultrasound to confirm an intrauterine pregnancy");

    static final Concept PROGESTERONE = listed(Drug.PROGESTERONE.valueSet(), "8727");
    static final Concept LEVOTHYROXINE = listed(Drug.LEVOTHYROXINE.valueSet(), "10582");
    static final Concept ASPIRIN = listed(Drug.ASPIRIN.valueSet(), "1191");
    static final Concept ASPIRIN_81 = listed(Drug.ASPIRIN.valueSet(), "243670");
    static final Concept ENOXAPARIN_40 = listed(Drug.HEPARIN.valueSet(), "854235");
    /** Enoxaparin, the ingredient: a dose by weight is written in the prescription's text. */
    static final Concept ENOXAPARIN = listed(Drug.HEPARIN.valueSet(), "67108");

    static final Concept INR = new Concept(Concept.LOINC, "6301-6", "INR in Platelet poor plasma by Coagulation assay");
    static final Concept AZITHROMYCIN = listed(Drug.ANTIBIOTIC.valueSet(), "18631");
    static final Concept DOXYCYCLINE = listed(Drug.ANTIBIOTIC.valueSet(), "3640");
    static final Concept CEFTRIAXONE = listed(Drug.ANTIBIOTIC.valueSet(), "2193");
    static final Concept METRONIDAZOLE = listed(Drug.ANTIBIOTIC.valueSet(), "6922");
    static final Concept FERROUS_SULFATE = listed(Drug.IRON.valueSet(), "310325");

    private SuggestedCodes() {}

    /** The code as the value set lists it, with the system and display its file gives. */
    private static Concept listed(String valueSet, String code) {
        ListedCodes.ListedCode listed = ListedCodes.of(valueSet, code);
        return new Concept(listed.system(), listed.code(), listed.display());
    }

    /** A referral or request described in words only: no verified code exists for it. */
    static Concept text(String text) {
        return new Concept(null, null, text);
    }
}
