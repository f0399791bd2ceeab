package org.rplcds.prefetch;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParserErrorHandler;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.rplcds.system.MemoryBudget;

/**
 * Reads one FHIR server answer from its byte stream. A Bundle is read entry by entry: each entry
 * becomes a HAPI resource as soon as it is read, so memory holds the resources kept and one
 * entry's JSON, never the whole answer, and the read stops at the resource budget.
 */
record PageParser(FhirContext fhir, IParserErrorHandler errors, ResourceSelection selection) {

    /** FHIR resources nest far less deeply than this; deeper JSON is not a resource. */
    private static final int MAX_DEPTH = 100;

    /**
     * The longest string read: the parser holds a whole string in memory, so one without end would
     * take the heap with it. 1 MB holds a base64 report of about 750 KB; the rules read no
     * attachment.
     */
    static final int MAX_VALUE_LENGTH = 1024 * 1024;

    /** One reader of pages for every parser: configured once, then only read from. */
    private static final ObjectMapper JSON = pageMapper();

    private static ObjectMapper pageMapper() {
        ObjectMapper json = new ObjectMapper();
        // The caller reads what follows the JSON and closes the stream.
        json.getFactory().disable(JsonParser.Feature.AUTO_CLOSE_SOURCE);
        json.getFactory()
                .setStreamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_DEPTH)
                        .maxStringLength(MAX_VALUE_LENGTH)
                        .build());
        return json;
    }

    /**
     * One answer: the resources it holds (OperationOutcome entries left out), its {@code next}
     * link, and for a Bundle its {@code total} and the number of entries that are matches.
     * {@code counted} is the resources read, kept or left out by the selection: each counts
     * against the budget of a search.
     */
    record Page(
            List<IBaseResource> resources,
            int counted,
            Optional<String> next,
            Optional<Integer> total,
            int matches,
            boolean bundle,
            boolean operationOutcome) {}

    /** A parse stopped at a limit; its message is safe to return to the client. */
    static final class LimitException extends IOException {
        LimitException(String message) {
            super(message, null);
        }
    }

    /**
     * @param budget resources that may still be kept for this search
     * @throws LimitException when the answer holds more resources than the budget
     * @throws IOException when the stream fails or is not JSON
     * @throws IllegalArgumentException when the JSON is not a FHIR R4 resource
     */
    Page parse(CappedInputStream in, int budget) throws IOException {
        return parse(in, budget, Optional.empty());
    }

    /**
     * @param lease the memory lease of the call the page is read for: each resource kept is held on
     *     it as it is read
     * @throws MemoryBudget.Exhausted when the lease finds no room for a resource
     */
    Page parse(CappedInputStream in, int budget, Optional<MemoryBudget.Lease> lease) throws IOException {
        try {
            return read(in, budget, lease);
        } catch (com.fasterxml.jackson.core.exc.StreamConstraintsException e) {
            throw new LimitException("a value longer than the limit of " + MAX_VALUE_LENGTH / (1024 * 1024) + " MB");
        }
    }

    private Page read(CappedInputStream in, int budget, Optional<MemoryBudget.Lease> lease) throws IOException {
        // One HAPI parser for the page: its entries are read one after another on this thread.
        TreeParser hapi = new TreeParser(fhir, errors);
        try (JsonParser parser = JSON.getFactory().createParser(in)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("not a JSON object");
            }
            ObjectNode rest = JsonNodeFactory.instance.objectNode();
            List<IBaseResource> resources = new ArrayList<>();
            int matches = 0;
            int counted = 0;
            boolean streamed = false;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                boolean bundleSoFar = !rest.has("resourceType")
                        || "Bundle".equals(rest.get("resourceType").asText());
                if ("entry".equals(name) && value == JsonToken.START_ARRAY && bundleSoFar) {
                    streamed = true;
                    while (parser.nextToken() == JsonToken.START_OBJECT) {
                        in.valueStarts();
                        long start = parser.currentTokenLocation().getByteOffset();
                        JsonNode entry = parser.readValueAsTree();
                        long length = parser.currentLocation().getByteOffset() - start;
                        in.valueRead();
                        if (isMatch(entry)) {
                            matches++;
                        }
                        // An entry the facts cannot read is counted, never built.
                        boolean wanted = selection.keeps(entry);
                        if (wanted && length > 0) {
                            lease.ifPresent(held -> held.holdJson(length));
                        }
                        IBaseResource resource = wanted ? resource(hapi, entry) : null;
                        if (!wanted || (resource != null && !(resource instanceof OperationOutcome))) {
                            if (counted >= budget) {
                                throw new LimitException("more resources than the limit of one search");
                            }
                            counted++;
                            if (wanted) {
                                resources.add(resource);
                            }
                        }
                        if (Thread.currentThread().isInterrupted()) {
                            throw new java.io.InterruptedIOException("read cancelled");
                        }
                    }
                } else {
                    in.valueStarts();
                    long start = parser.currentTokenLocation().getByteOffset();
                    rest.set(name, parser.readValueAsTree());
                    long length = parser.currentLocation().getByteOffset() - start;
                    in.valueRead();
                    if (length > 0) {
                        lease.ifPresent(held -> held.holdJson(length));
                    }
                }
            }
            String type = rest.path("resourceType").asText("");
            if (type.isEmpty()) {
                throw new IllegalArgumentException("no resourceType");
            }
            if (!type.equals("Bundle")) {
                if (streamed) {
                    throw new IllegalArgumentException("entries outside a Bundle");
                }
                IBaseResource resource = hapi.parse(rest);
                boolean outcome = resource instanceof OperationOutcome;
                return new Page(
                        outcome ? List.of() : List.of(resource),
                        outcome ? 0 : 1,
                        Optional.empty(),
                        Optional.empty(),
                        0,
                        false,
                        outcome);
            }
            return new Page(List.copyOf(resources), counted, next(rest), total(rest), matches, true, false);
        }
    }

    /** Entries of a search that are matches: {@code search.mode} absent or {@code match}. */
    static boolean isMatch(JsonNode entry) {
        JsonNode mode = entry.path("search").path("mode");
        return mode.isMissingNode() || mode.isNull() || "match".equals(mode.asText());
    }

    /**
     * The entry's resource, read by HAPI as the one entry of a Bundle so that the id comes from
     * {@code fullUrl} exactly as when HAPI reads the whole Bundle.
     */
    private static IBaseResource resource(TreeParser hapi, JsonNode entry) {
        if (!entry.path("resource").isObject()) {
            return null;
        }
        ObjectNode one = JsonNodeFactory.instance.objectNode();
        one.put("resourceType", "Bundle");
        ArrayNode entries = one.putArray("entry");
        entries.add(entry);
        Bundle bundle = (Bundle) hapi.parse(one);
        if (bundle.getEntry().isEmpty() || !bundle.getEntryFirstRep().hasResource()) {
            return null;
        }
        return bundle.getEntryFirstRep().getResource();
    }

    private static Optional<String> next(ObjectNode bundle) {
        for (JsonNode link : bundle.path("link")) {
            if ("next".equals(link.path("relation").asText())
                    && link.path("url").isTextual()) {
                String url = link.path("url").asText();
                return url.isBlank() ? Optional.empty() : Optional.of(url);
            }
        }
        return Optional.empty();
    }

    private static Optional<Integer> total(ObjectNode bundle) {
        JsonNode total = bundle.get("total");
        return total != null && total.canConvertToInt() && total.isIntegralNumber()
                ? Optional.of(total.intValue())
                : Optional.empty();
    }
}
