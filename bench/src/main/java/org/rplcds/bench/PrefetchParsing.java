package org.rplcds.bench;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.LenientErrorHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.rplcds.prefetch.TreeParser;

/** The service's own parsing of a request's prefetch, on its own: each value from the request's tree. */
final class PrefetchParsing {

    private PrefetchParsing() {}

    static List<IBaseResource> parse(FhirContext fhir, JsonNode request) {
        List<IBaseResource> parsed = new ArrayList<>();
        request.get("prefetch")
                .elements()
                .forEachRemaining(value ->
                        parsed.add(new TreeParser(fhir, new LenientErrorHandler(false)).parse((ObjectNode) value)));
        return parsed;
    }
}
