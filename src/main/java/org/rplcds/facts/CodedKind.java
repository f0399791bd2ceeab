package org.rplcds.facts;

/**
 * A kind of record the rules look for, named once: how a card names it, and the value set its
 * codes are read from ({@code fhir-resources/valuesets/ValueSet-<id>.json}).
 */
public interface CodedKind {

    /** The kind's name and value set. */
    Entry entry();

    /** The name a clinician reads on a card. */
    default String label() {
        return entry().label();
    }

    /** The canonical URL of the value set this kind is read from. */
    default String valueSet() {
        return entry().valueSet();
    }

    /**
     * @param label the name a clinician reads on a card
     * @param valueSet the canonical URL of the value set
     */
    record Entry(String label, String valueSet) {

        /** The entry of the value set whose file is {@code ValueSet-<valueSetId>.json}. */
        static Entry of(String label, String valueSetId) {
            return new Entry(label, ValueSets.BASE + valueSetId);
        }
    }
}
