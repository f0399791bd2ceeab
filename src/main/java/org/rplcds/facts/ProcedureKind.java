package org.rplcds.facts;

/** Procedures the rules look for. */
public enum ProcedureKind {
    CERCLAGE("cervical cerclage", ValueSets.CERCLAGE),
    VAGINAL_CERCLAGE("vaginal cerclage", ValueSets.VAGINAL_CERCLAGE),
    ABDOMINAL_CERCLAGE("abdominal cerclage", ValueSets.ABDOMINAL_CERCLAGE),
    CERCLAGE_REMOVAL("cerclage removal", ValueSets.CERCLAGE_REMOVAL),
    KARYOTYPE("karyotype", ValueSets.KARYOTYPE),
    UTERINE_ASSESSMENT("uterine cavity assessment", ValueSets.UTERINE_ASSESSMENT),
    UTERINE_CORRECTION("hysteroscopic correction", ValueSets.UTERINE_CORRECTIVE_PROCEDURE);

    private final String label;
    private final String valueSet;

    ProcedureKind(String label, String valueSet) {
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
