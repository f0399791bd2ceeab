package org.rplcds.facts;

/**
 * Procedures the rules look for, each naming its value set once, by the id of its file
 * ({@code fhir-resources/valuesets/ValueSet-<id>.json}). Procedures are searched with the codes of
 * every kind.
 */
public enum ProcedureKind implements CodedKind {
    CERCLAGE("cervical cerclage", "cerclage"),
    VAGINAL_CERCLAGE("vaginal cerclage", "cerclage-vaginal"),
    ABDOMINAL_CERCLAGE("abdominal cerclage", "cerclage-abdominal"),
    CERCLAGE_REMOVAL("cerclage removal", "cerclage-removal"),
    KARYOTYPE("karyotype", "karyotype"),
    UTERINE_ASSESSMENT("uterine cavity assessment", "uterine-assessment"),
    UTERINE_CORRECTION("hysteroscopic correction", "uterine-corrective-procedure"),
    SEPTUM_RESECTION("septum resection", "septum-resection"),
    HYSTERECTOMY("hysterectomy", "hysterectomy");

    private final Entry entry;

    ProcedureKind(String label, String valueSetId) {
        this.entry = Entry.of(label, valueSetId);
    }

    @Override
    public Entry entry() {
        return entry;
    }
}
