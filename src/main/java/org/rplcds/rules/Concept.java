package org.rplcds.rules;

/**
 * A code a suggestion proposes, named by its code system URL.
 *
 * @param system code system URL
 * @param code the code
 * @param display its display text
 */
public record Concept(String system, String code, String display) {

    static final String SNOMED = "http://snomed.info/sct";
    static final String ICD10CM = "http://hl7.org/fhir/sid/icd-10-cm";
    static final String LOINC = "http://loinc.org";
}
