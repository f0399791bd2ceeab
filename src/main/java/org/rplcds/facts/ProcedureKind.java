package org.rplcds.facts;

/** Procedures the rules look for. */
public enum ProcedureKind {
    CERCLAGE("cervical cerclage", ValueSets.CERCLAGE),
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
