package org.rplcds.prefetch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Which resources of a Bundle can matter to the facts, decided on each entry's JSON as it is read
 * ({@link PrefetchValueReader} for prefetch, {@link PageParser} for a FHIR server's pages), before
 * HAPI builds a model of any: most of a chart (vital signs, notes, routine procedures) is never read by a rule,
 * and building HAPI models is most of the cost of a call. The facts package decides, from its
 * terminology; this package only asks.
 */
public interface ResourceSelection {

    /** Every resource: the full parse, the reference the selective one is tested against. */
    ResourceSelection EVERY_RESOURCE = resource -> true;

    /**
     * Whether the facts may read anything of this resource; {@code true} whenever that cannot be
     * told from the tree, so that HAPI reads it (and refuses it, if it is not FHIR).
     *
     * @param resource a JSON object with a textual {@code resourceType}
     */
    boolean wanted(ObjectNode resource);

    /**
     * Whether a Bundle entry is kept. An entry that is not a plain resource is: HAPI judges it, as
     * it would without selection.
     */
    default boolean keeps(JsonNode entry) {
        JsonNode resource = entry.get("resource");
        if (!entry.isObject() || resource == null || !resource.isObject()) {
            return true;
        }
        JsonNode type = resource.get("resourceType");
        return type == null || !type.isTextual() || wanted((ObjectNode) resource);
    }
}
