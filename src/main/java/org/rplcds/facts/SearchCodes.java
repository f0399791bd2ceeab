package org.rplcds.facts;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/**
 * The codes the facts read from each resource type's {@code code}, for the {@code code=} filters
 * of prefetch searches: a server then answers what the rules can use instead of a whole chart of
 * vital signs. Each list is derived from the registry of value sets: every analyte's (and, for
 * reports, every reported test's), every procedure kind's, and those {@link ValueSets} declares
 * tested on that type; a test compares the facts of filtered and whole records on every fixture.
 * The same lists decide which resources of a prefetch are parsed ({@link RelevantResources}). A
 * site's own codes ({@link SiteValueSets}) are in them as the shipped codes of their value sets are.
 * Codes go without their system: a server then matches them in any system, which can only add
 * resources the readers leave out again.
 */
@Component
public class SearchCodes {

    /** The value sets the readers test on each searched resource type's code. */
    static final Map<String, Set<String>> VALUE_SETS_BY_TYPE = Map.of(
            ValueSets.OBSERVATION,
            valueSets(Stream.of(Analyte.values()).map(Analyte::valueSet), ValueSets.OBSERVATION),
            ValueSets.PROCEDURE,
            valueSets(Stream.of(ProcedureKind.values()).map(ProcedureKind::valueSet), ValueSets.PROCEDURE),
            "DiagnosticReport",
            valueSets(Analyte.REPORTED.stream().map(Analyte::valueSet), null));

    private final Terminology terminology;

    public SearchCodes(Terminology terminology) {
        this.terminology = terminology;
    }

    /**
     * The codes of a resource type, sorted and each once; empty when the facts read no codes of
     * that type. An is-a filter cannot be listed: its members are ICD-10-CM diagnoses, which
     * Observation, Procedure and DiagnosticReport codes are not drawn from.
     */
    public Optional<List<String>> codes(String resourceType) {
        Set<String> valueSets = VALUE_SETS_BY_TYPE.get(resourceType);
        if (valueSets == null) {
            return Optional.empty();
        }
        TreeSet<String> codes = new TreeSet<>();
        for (String valueSet : valueSets) {
            codes.addAll(terminology.enumeratedCodes(valueSet));
        }
        return Optional.of(new ArrayList<>(codes));
    }

    /**
     * The codes of a resource type in the groups each searched apart: the codes of measurements
     * taken at every visit (body weight), whose many pages would make one search long, in a group of
     * their own, read alongside the rest; then all the others. Empty when the facts read no codes
     * of the type.
     */
    public Optional<List<List<String>>> groups(String resourceType) {
        return codes(resourceType).map(all -> {
            if (!resourceType.equals(ValueSets.OBSERVATION)) {
                return List.of(all);
            }
            Set<String> frequent = new TreeSet<>(terminology.enumeratedCodes(Analyte.BODY_WEIGHT.valueSet()));
            List<String> rest =
                    all.stream().filter(code -> !frequent.contains(code)).toList();
            return List.of(rest, List.copyOf(frequent));
        });
    }

    /** The kinds' value sets, and those {@link ValueSets} declares tested on the type. */
    private static Set<String> valueSets(Stream<String> ofKinds, String declaredType) {
        Set<String> valueSets = new LinkedHashSet<>();
        ofKinds.forEach(valueSets::add);
        if (declaredType != null) {
            valueSets.addAll(ValueSets.searched(declaredType));
        }
        return Collections.unmodifiableSet(valueSets);
    }
}
