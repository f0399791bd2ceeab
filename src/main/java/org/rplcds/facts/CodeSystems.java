package org.rplcds.facts;

import java.util.Locale;
import java.util.Map;

/** Canonical code system URLs, and the aliases EHR feeds send in their place. */
public final class CodeSystems {

    public static final String SNOMED = "http://snomed.info/sct";
    public static final String ICD10CM = "http://hl7.org/fhir/sid/icd-10-cm";
    public static final String LOINC = "http://loinc.org";
    public static final String RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm";
    public static final String CPT = "http://www.ama-assn.org/go/cpt";
    public static final String UCUM = "http://unitsofmeasure.org";

    private static final Map<String, String> ALIASES = Map.of(
            "urn:oid:2.16.840.1.113883.6.96", SNOMED,
            "urn:oid:2.16.840.1.113883.6.90", ICD10CM,
            "urn:oid:2.16.840.1.113883.6.1", LOINC,
            "urn:oid:2.16.840.1.113883.6.88", RXNORM,
            "urn:oid:2.16.840.1.113883.6.12", CPT,
            "https://snomed.info/sct", SNOMED);

    /** The canonical URL for a system as sent, or the system unchanged. */
    public static String canonical(String system) {
        if (system == null) {
            return "";
        }
        String trimmed = system.trim();
        return ALIASES.getOrDefault(trimmed, trimmed);
    }

    /**
     * The code in the form value sets are indexed by. ICD-10-CM arrives with and without the dot
     * ({@code O03.9}, {@code O039}); both are compared without it, in upper case.
     */
    public static String normalisedCode(String canonicalSystem, String code) {
        if (code == null) {
            return "";
        }
        String trimmed = code.trim();
        if (ICD10CM.equals(canonicalSystem)) {
            return trimmed.replace(".", "").toUpperCase(Locale.ROOT);
        }
        return trimmed;
    }

    private CodeSystems() {}
}
