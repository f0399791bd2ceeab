package org.rplcds.prefetch;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParserErrorHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.springframework.stereotype.Component;

/**
 * Turns a hook call's prefetch into a {@link PatientRecord}, reading from the client's FHIR
 * server what was not sent.
 */
@Component
public class PrefetchResolver {

    private final FhirContext fhir;
    private final IParserErrorHandler parserErrors;
    private final FhirServerReader server;

    PrefetchResolver(FhirContext fhir, IParserErrorHandler parserErrors, FhirServerReader server) {
        this.fhir = fhir;
        this.parserErrors = parserErrors;
        this.server = server;
    }

    /**
     * @throws InvalidPrefetchException when a prefetch value is not a FHIR resource
     * @throws MissingPrefetchException when needed data can be had neither way
     */
    public PatientRecord resolve(String patientId, PrefetchInput input) {
        List<IBaseResource> resources = new ArrayList<>();
        Map<String, String> toRead = new LinkedHashMap<>();
        Map<String, String> missing = new LinkedHashMap<>();
        for (var template : input.templates().entrySet()) {
            String key = template.getKey();
            if (input.prefetch().containsKey(key)) {
                JsonNode value = input.prefetch().get(key);
                if (value == null || value.isNull()) {
                    // CDS Hooks 2.0: a prefetch value of null means the data is known not to exist.
                    continue;
                }
                IBaseResource resource = parse(key, value);
                if (!(resource instanceof OperationOutcome)) {
                    addResources(resource, resources);
                    continue;
                }
                // CDS Hooks 2.0: an OperationOutcome stands for a prefetch the client could not run.
            }
            PrefetchTemplates.fill(template.getValue(), input.context())
                    .ifPresentOrElse(
                            query -> toRead.put(key, query),
                            () -> missing.put(key, "prefetch template cannot be filled from the context"));
        }
        // Values sent under keys the service did not ask for are read too: clients send them.
        for (var sent : input.prefetch().entrySet()) {
            if (!input.templates().containsKey(sent.getKey())
                    && sent.getValue() != null
                    && sent.getValue().isObject()) {
                addResources(parseOrNull(sent.getValue()), resources);
            }
        }
        toRead.keySet().removeAll(missing.keySet());
        if (!toRead.isEmpty()) {
            if (input.fhirServer().isEmpty()) {
                toRead.keySet().forEach(key -> missing.put(key, "not prefetched and no fhirServer given"));
            } else {
                server.read(input.fhirServer().get(), input.accessToken(), toRead)
                        .forEach((key, outcome) -> {
                            Optional<String> failure =
                                    outcome.failure().or(() -> wrongType(toRead.get(key), outcome.resources()));
                            failure.ifPresentOrElse(
                                    reason -> missing.put(key, reason), () -> resources.addAll(outcome.resources()));
                        });
            }
        }
        if (!missing.isEmpty()) {
            throw new MissingPrefetchException(missing);
        }
        return PatientRecord.of(patientId, resources);
    }

    /** A read ({@code Patient/123}) that answered something else is a failure, not data. */
    private static Optional<String> wrongType(String query, List<IBaseResource> read) {
        if (query.contains("?")) {
            return Optional.empty();
        }
        String type = query.substring(0, Math.max(0, query.indexOf('/')));
        boolean found = read.stream().anyMatch(r -> r.fhirType().equals(type));
        return found ? Optional.empty() : Optional.of("FHIR server answered another resource type than " + type);
    }

    private IBaseResource parse(String key, JsonNode value) {
        if (!value.isObject() || !value.hasNonNull("resourceType")) {
            throw new InvalidPrefetchException("prefetch." + key + " must be a FHIR resource or null");
        }
        try {
            return new TreeParser(fhir, parserErrors).parse((ObjectNode) value);
        } catch (RuntimeException e) {
            // HAPI's parser throws DataFormatException on most bad input, and other runtime
            // exceptions on some (a resourceType of the wrong JSON type): all are the client's data.
            throw new InvalidPrefetchException("prefetch." + key + " is not a valid FHIR R4 resource");
        }
    }

    private IBaseResource parseOrNull(JsonNode value) {
        if (!value.hasNonNull("resourceType")) {
            return null;
        }
        try {
            return new TreeParser(fhir, parserErrors).parse((ObjectNode) value);
        } catch (RuntimeException e) {
            // HAPI's parser throws DataFormatException on most bad input, and other runtime
            // exceptions on some (a resourceType of the wrong JSON type): all are the client's data.
            return null;
        }
    }

    private static void addResources(IBaseResource resource, List<IBaseResource> resources) {
        if (resource instanceof Bundle bundle) {
            for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
                if (entry.hasResource() && !(entry.getResource() instanceof OperationOutcome)) {
                    resources.add(entry.getResource());
                }
            }
        } else if (resource != null && !(resource instanceof OperationOutcome)) {
            resources.add(resource);
        }
    }
}
