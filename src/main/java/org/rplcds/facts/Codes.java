package org.rplcds.facts;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;

/**
 * The value sets of each code of one record, looked up once for the call: the readers test the
 * same code against many value sets, in several passes, and ask which of its codings matched for
 * the card's wording. Every test of a concept, whether any coding is in a value set and which one
 * is first, is answered from the one look-up of each coding.
 */
final class Codes {

    private final Terminology terminology;
    private final Map<CodeableConcept, Looked> looked = new IdentityHashMap<>();

    Codes(Terminology terminology) {
        this.terminology = terminology;
    }

    /** The value sets any coding of the concept is a member of. */
    Set<String> of(CodeableConcept concept) {
        return concept == null ? Set.of() : lookUp(concept).all();
    }

    /** Whether any coding of the concept is in the value set, as {@link Terminology#containsAny}. */
    boolean in(String valueSet, CodeableConcept concept) {
        return of(concept).contains(valueSet);
    }

    /** The first coding of the concept that is in the value set, as {@link Terminology#firstMatch}. */
    Optional<Coding> firstMatch(String valueSet, CodeableConcept concept) {
        if (concept == null) {
            return Optional.empty();
        }
        Looked codings = lookUp(concept);
        if (!codings.all().contains(valueSet)) {
            return Optional.empty();
        }
        List<Coding> all = concept.getCoding();
        for (int i = 0; i < all.size(); i++) {
            if (codings.byCoding().get(i).contains(valueSet)) {
                return Optional.of(all.get(i));
            }
        }
        return Optional.empty();
    }

    /** The codings of the concept that are in the value set, in their order. */
    List<Coding> members(String valueSet, CodeableConcept concept) {
        if (!in(valueSet, concept)) {
            return List.of();
        }
        Looked codings = lookUp(concept);
        List<Coding> all = concept.getCoding();
        List<Coding> members = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            if (codings.byCoding().get(i).contains(valueSet)) {
                members.add(all.get(i));
            }
        }
        return members;
    }

    private Looked lookUp(CodeableConcept concept) {
        return looked.computeIfAbsent(concept, this::lookedUp);
    }

    /** Each coding's value sets, and their union. */
    private Looked lookedUp(CodeableConcept concept) {
        List<Coding> codings = concept.getCoding();
        List<Set<String>> byCoding = new ArrayList<>(codings.size());
        for (Coding coding : codings) {
            byCoding.add(terminology.valueSetsOf(coding.getSystem(), coding.getCode()));
        }
        return new Looked(Terminology.union(byCoding), byCoding);
    }

    private record Looked(Set<String> all, List<Set<String>> byCoding) {}
}
