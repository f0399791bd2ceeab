package org.rplcds.rules.derived;

import java.util.List;
import org.rplcds.facts.Evidence;

/**
 * A derived fact and what it rests on.
 *
 * @param holds whether the fact is true
 * @param evidence the record entries that make it true; empty when it does not hold
 */
public record Fact(boolean holds, List<Evidence> evidence) {

    static final Fact NO = new Fact(false, List.of());

    public Fact {
        evidence = List.copyOf(evidence);
    }

    static Fact when(boolean holds, List<Evidence> evidence) {
        return holds ? new Fact(true, evidence.stream().distinct().toList()) : NO;
    }
}
