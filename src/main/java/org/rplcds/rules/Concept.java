package org.rplcds.rules;

/**
 * A code a suggestion proposes, named by its code system URL; a concept with neither system nor
 * code is text only.
 *
 * @param system code system URL, or null for text only
 * @param code the code, or null for text only
 * @param display its display text
 */
public record Concept(String system, String code, String display) {

    static final String SNOMED = "http://snomed.info/sct";
    static final String ICD10CM = "http://hl7.org/fhir/sid/icd-10-cm";
    static final String LOINC = "http://loinc.org";
    static final String RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm";
}
