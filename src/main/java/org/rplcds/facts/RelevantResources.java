package org.rplcds.facts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Set;
import org.rplcds.prefetch.ResourceSelection;
import org.springframework.stereotype.Component;

/**
 * The resources the facts can read, told from their codes on the JSON tree: an Observation,
 * Procedure or DiagnosticReport whose code (or, for an Observation, a component's code) is in no
 * value set the readers test on that type is never read, so HAPI need not build it. These are the
 * value sets of {@link SearchCodes}, the same lists the {@code code=} filters of prefetch searches
 * are made from, tested with the same {@link Terminology} look-up the readers use; every other
 * resource type is read whole. Where the tree is not plain FHIR (a code that is not a string, a
 * coding that is not an object) the resource is kept, and HAPI judges it as before.
 */
@Component
public class RelevantResources implements ResourceSelection {

    private final Terminology terminology;
    private final Map<String, Set<String>> valueSetsByType;

    public RelevantResources(Terminology terminology) {
        this.terminology = terminology;
        this.valueSetsByType = SearchCodes.VALUE_SETS_BY_TYPE;
    }

    @Override
    public boolean wanted(ObjectNode resource) {
        Set<String> valueSets =
                valueSetsByType.get(resource.path("resourceType").asText());
        if (valueSets == null) {
            return true;
        }
        if (mayMatch(resource.get("code"), valueSets)) {
            return true;
        }
        JsonNode components = resource.get("component");
        if (components == null
                || components.isNull()
                || !"Observation".equals(resource.get("resourceType").asText())) {
            return false;
        }
        if (!components.isArray()) {
            return true;
        }
        for (JsonNode component : components) {
            if (!component.isObject() || mayMatch(component.get("code"), valueSets)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a CodeableConcept's codings may be in one of the value sets: true when unsure. */
    private boolean mayMatch(JsonNode concept, Set<String> valueSets) {
        if (concept == null || concept.isNull()) {
            return false;
        }
        if (!concept.isObject()) {
            return true;
        }
        JsonNode codings = concept.get("coding");
        if (codings == null || codings.isNull()) {
            return false;
        }
        if (!codings.isArray()) {
            return true;
        }
        for (JsonNode coding : codings) {
            if (!coding.isObject()) {
                return true;
            }
            JsonNode code = coding.get("code");
            JsonNode system = coding.get("system");
            if (code == null || code.isNull()) {
                continue;
            }
            if (!code.isTextual() || (system != null && !system.isNull() && !system.isTextual())) {
                return true;
            }
            String systemText = system == null || system.isNull() ? null : system.textValue();
            for (String valueSet : terminology.valueSetsOf(systemText, code.textValue())) {
                if (valueSets.contains(valueSet)) {
                    return true;
                }
            }
        }
        return false;
    }
}
