package org.rplcds.prefetch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/**
 * The test oracle of the selection: a Bundle's JSON without the entries a {@link
 * ResourceSelection} leaves out, selected from the whole tree, which {@link PrefetchValueReader}
 * must match as it selects while the request streams in;
 * the entries kept are the same nodes, not copies, and everything else of the Bundle (links,
 * total, type) is kept as it is.
 *
 * @param json what HAPI reads
 * @param droppedMatches the entries left out that were matches of the search, which a check of
 *     {@code total} against the matches must still count
 */
record BundleSelection(ObjectNode json, int droppedMatches) {

    static BundleSelection of(ObjectNode value, ResourceSelection selection) {
        if (value instanceof PrefetchValueReader.SelectedBundle selected && selected.selected()) {
            // Selected while it was read: its entries are the wanted ones, not to be tested again.
            return new BundleSelection(value, selected.leftOutMatches());
        }
        if (selection == ResourceSelection.EVERY_RESOURCE
                || !"Bundle".equals(value.path("resourceType").asText())) {
            return new BundleSelection(value, 0);
        }
        JsonNode entries = value.get("entry");
        if (entries == null || !entries.isArray()) {
            return new BundleSelection(value, 0);
        }
        ArrayNode kept = null;
        int dropped = 0;
        int index = 0;
        for (JsonNode entry : entries) {
            if (wanted(entry, selection)) {
                if (kept != null) {
                    kept.add(entry);
                }
            } else {
                if (kept == null) {
                    kept = JsonNodeFactory.instance.arrayNode(entries.size());
                    for (int i = 0; i < index; i++) {
                        kept.add(entries.get(i));
                    }
                }
                if (isMatch(entry)) {
                    dropped++;
                }
            }
            index++;
        }
        if (kept == null) {
            return new BundleSelection(value, 0);
        }
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> fields = value.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            json.set(field.getKey(), "entry".equals(field.getKey()) ? kept : field.getValue());
        }
        return new BundleSelection(json, dropped);
    }

    /** An entry that is not a plain resource is kept: HAPI judges it, as it would without selection. */
    static boolean wanted(JsonNode entry, ResourceSelection selection) {
        JsonNode resource = entry.get("resource");
        if (!entry.isObject() || resource == null || !resource.isObject()) {
            return true;
        }
        JsonNode type = resource.get("resourceType");
        return type == null || !type.isTextual() || selection.wanted((ObjectNode) resource);
    }

    /**
     * As HAPI counts a match: {@code search.mode} absent, {@code match}, or a value it cannot read;
     * {@code include} and {@code outcome} are not matches.
     */
    static boolean isMatch(JsonNode entry) {
        JsonNode mode = entry.path("search").path("mode");
        return !(mode.isTextual() && ("include".equals(mode.textValue()) || "outcome".equals(mode.textValue())));
    }
}
