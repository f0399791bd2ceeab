package org.rplcds.facts;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.CodeableConcept;

/**
 * The value sets of each code of one record, looked up once for the call: the readers test the
 * same code against many value sets, and the same observations in several passes.
 */
final class Codes {

    private final Terminology terminology;
    private final Map<CodeableConcept, Set<String>> valueSets = new IdentityHashMap<>();

    Codes(Terminology terminology) {
        this.terminology = terminology;
    }

    /** The value sets any coding of the concept is a member of. */
    Set<String> of(CodeableConcept concept) {
        if (concept == null) {
            return Set.of();
        }
        return valueSets.computeIfAbsent(concept, terminology::valueSetsOf);
    }

    /** Whether any coding of the concept is in the value set, as {@link Terminology#containsAny}. */
    boolean in(String valueSet, CodeableConcept concept) {
        return of(concept).contains(valueSet);
    }
}
