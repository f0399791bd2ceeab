package org.rplcds.prefetch;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParserErrorHandler;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Turns a hook call's prefetch into a {@link PatientRecord}, reading from the client's FHIR
 * server what was not sent, and what was sent only in part: the whole chart, or a
 * {@link MissingPrefetchException} that says which key is missing and why.
 */
@Component
public class PrefetchResolver {

    private static final Logger log = LoggerFactory.getLogger(PrefetchResolver.class);

    /** What a client whose tokens are checked learns of a fhirServer that could not be read. */
    static final String NOT_READ = "could not be read from fhirServer";

    private final FhirContext fhir;
    private final IParserErrorHandler parserErrors;
    private final FhirServerReader server;
    private final FhirServerPolicy policy;
    private final ResourceSelection selection;
    private final PrefetchValueReader values;

    PrefetchResolver(
            FhirContext fhir,
            IParserErrorHandler parserErrors,
            FhirServerReader server,
            FhirServerPolicy policy,
            ResourceSelection selection) {
        this.fhir = fhir;
        this.parserErrors = parserErrors;
        this.server = server;
        this.policy = policy;
        this.selection = selection;
        this.values = new PrefetchValueReader(new ObjectMapper(), selection);
    }

    /** Why a key must be read from fhirServer: shown when it cannot be. */
    private record Need(FhirServerReader.Search search, String withoutServer) {}

    /**
     * @throws InvalidPrefetchException when a prefetch value is not a FHIR resource
     * @throws MissingPrefetchException when needed data can be had neither way
     */
    public PatientRecord resolve(String patientId, PrefetchInput input) {
        List<IBaseResource> resources = new ArrayList<>();
        Map<String, Need> toRead = new LinkedHashMap<>();
        Map<String, String> missing = new LinkedHashMap<>();
        URI base = input.fhirServer().map(PrefetchResolver::base).orElse(null);
        for (var template : input.templates().entrySet()) {
            String key = template.getKey();
            String withoutServer = "not prefetched and no fhirServer given";
            if (input.prefetch().containsKey(key)) {
                JsonNode value = input.prefetch().get(key);
                if (value == null || value.isNull()) {
                    // CDS Hooks 2.0: a prefetch value of null means the data is known not to exist.
                    continue;
                }
                ObjectNode selected = select(key, value);
                IBaseResource resource = parse(key, selected);
                if (resource instanceof Bundle bundle) {
                    addResources(bundle, resources);
                    Optional<String> next = next(bundle);
                    int matches = matches(bundle) + leftOutMatches(selected);
                    if (next.isPresent()) {
                        // CDS Hooks 2.0 lets a client prefetch a first page: the rest is read on.
                        continuePaging(key, next.get(), matches, base, toRead, missing);
                        continue;
                    }
                    if (!bundle.hasTotal() || bundle.getTotal() <= matches) {
                        continue;
                    }
                    withoutServer = "prefetch holds " + matches + " of " + bundle.getTotal()
                            + " results, no next link, and no fhirServer given";
                } else if (!(resource instanceof OperationOutcome)) {
                    addResources(resource, resources);
                    continue;
                }
                // CDS Hooks 2.0: an OperationOutcome stands for a prefetch the client could not run.
            }
            Optional<String> query = PrefetchTemplates.fill(template.getValue(), input.context());
            if (query.isEmpty()) {
                missing.put(key, "prefetch template cannot be filled from the context");
                continue;
            }
            FhirServerReader.Search search = base == null
                    ? null
                    : new FhirServerReader.Search(
                            key,
                            base.resolve(query.get()),
                            unfiltered(query.get()).map(base::resolve),
                            0);
            toRead.put(key, new Need(search, withoutServer));
        }
        // Values sent under keys the service did not ask for are read too: clients send them.
        for (var sent : input.prefetch().entrySet()) {
            if (!input.templates().containsKey(sent.getKey())
                    && sent.getValue() != null
                    && sent.getValue().isObject()) {
                addResources(parseOrNull(sent.getValue()), resources);
            }
        }
        read(input, base, toRead, missing, resources);
        if (!missing.isEmpty()) {
            throw new MissingPrefetchException(missing);
        }
        return PatientRecord.of(patientId, resources);
    }

    private void read(
            PrefetchInput input,
            URI base,
            Map<String, Need> toRead,
            Map<String, String> missing,
            List<IBaseResource> resources) {
        if (toRead.isEmpty()) {
            return;
        }
        if (base == null) {
            toRead.forEach((key, need) -> {
                missing.put(key, need.withoutServer());
                logFailure(input, key, need.withoutServer(), 0, 0, 0);
            });
            return;
        }
        Optional<String> refusal = policy.refusal(base, input.allowedFhirServers());
        if (refusal.isPresent()) {
            // The client learns only that the server could not be read: no port scanner.
            log.warn(
                    "fhirServer refused hookInstance={} reason=\"{}\" keys={}",
                    input.hookInstance(),
                    refusal.get(),
                    String.join(",", toRead.keySet()));
            toRead.keySet().forEach(key -> missing.put(key, NOT_READ));
            return;
        }
        List<FhirServerReader.Search> searches =
                toRead.values().stream().map(Need::search).toList();
        Map<String, FhirServerReader.Outcome> outcomes =
                server.read(base, input.accessToken(), searches, input.started());
        long millis = (System.nanoTime() - input.started()) / 1_000_000;
        int pages = 0;
        int read = 0;
        long bytes = 0;
        for (var entry : outcomes.entrySet()) {
            String key = entry.getKey();
            FhirServerReader.Outcome outcome = entry.getValue();
            pages += outcome.pages();
            read += outcome.resources().size();
            bytes += outcome.bytes();
            if (outcome.unfiltered()) {
                log.info(
                        "fhirServer refused the code filter; read the search without it hookInstance={} key={}",
                        input.hookInstance(),
                        key);
            }
            Optional<String> failure = outcome.failure()
                    .or(() -> wrongType(toRead.get(key).search().url(), outcome.resources()));
            if (failure.isPresent()) {
                // With client tokens checked the detail goes to the log only: no port scanner.
                missing.put(key, input.allowedFhirServers().isPresent() ? NOT_READ : failure.get());
                logFailure(
                        input,
                        key,
                        failure.get(),
                        outcome.pages(),
                        outcome.resources().size(),
                        outcome.bytes());
            } else {
                resources.addAll(outcome.resources());
            }
        }
        log.info(
                "fhirServer read hookInstance={} keys={} pages={} resources={} bytes={} millis={}",
                input.hookInstance(),
                outcomes.keySet().stream().collect(Collectors.joining(",")),
                pages,
                read,
                bytes,
                millis);
    }

    /** One line for each key that cannot be had: never patient data or tokens. */
    private static void logFailure(PrefetchInput input, String key, String reason, int pages, int read, long bytes) {
        log.warn(
                "prefetch incomplete hookInstance={} key={} reason=\"{}\" pages={} resources={} bytes={} millis={}",
                input.hookInstance(),
                key,
                reason,
                pages,
                read,
                bytes,
                (System.nanoTime() - input.started()) / 1_000_000);
    }

    private static void continuePaging(
            String key, String next, int sent, URI base, Map<String, Need> toRead, Map<String, String> missing) {
        if (base == null) {
            toRead.put(
                    key,
                    new Need(null, "prefetch holds the first page of results (a next link) and no fhirServer given"));
            return;
        }
        Optional<URI> url = FhirServerReader.sameServer(base, next);
        if (url.isEmpty()) {
            // The bearer token goes to the client's FHIR server only.
            missing.put(key, "next link of the prefetch points outside fhirServer");
            return;
        }
        toRead.put(key, new Need(new FhirServerReader.Search(key, url.get(), Optional.empty(), sent), ""));
    }

    private static URI base(URI server) {
        String text = server.toString();
        return URI.create(text.endsWith("/") ? text : text + "/");
    }

    /** The query without its {@code code} filter, when it has one. */
    static Optional<String> unfiltered(String query) {
        int question = query.indexOf('?');
        if (question < 0) {
            return Optional.empty();
        }
        List<String> kept = new ArrayList<>();
        boolean filtered = false;
        for (String parameter : query.substring(question + 1).split("&")) {
            if (parameter.startsWith("code=")) {
                filtered = true;
            } else if (!parameter.isEmpty()) {
                kept.add(parameter);
            }
        }
        return filtered
                ? Optional.of(query.substring(0, question) + (kept.isEmpty() ? "" : "?" + String.join("&", kept)))
                : Optional.empty();
    }

    private static Optional<String> next(Bundle bundle) {
        Bundle.BundleLinkComponent link = bundle.getLink(Bundle.LINK_NEXT);
        return link == null || !link.hasUrl() || link.getUrl().isBlank()
                ? Optional.empty()
                : Optional.of(link.getUrl());
    }

    /** Entries that are matches of the search: {@code search.mode} absent or {@code match}. */
    private static int matches(Bundle bundle) {
        int matches = 0;
        for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
            if (!entry.getSearch().hasMode() || entry.getSearch().getMode() == Bundle.SearchEntryMode.MATCH) {
                matches++;
            }
        }
        return matches;
    }

    /** A read ({@code Patient/123}) that answered something else is a failure, not data. */
    private static Optional<String> wrongType(URI url, List<IBaseResource> read) {
        String path = url.getPath();
        if (url.getRawQuery() != null) {
            return Optional.empty();
        }
        String[] segments = path.split("/");
        if (segments.length < 2) {
            return Optional.empty();
        }
        String type = segments[segments.length - 2];
        boolean found = read.stream().anyMatch(r -> r.fhirType().equals(type));
        return found ? Optional.empty() : Optional.of("FHIR server answered another resource type than " + type);
    }

    /**
     * The value without the entries the facts cannot read, as {@link PrefetchValueReader} leaves it:
     * HAPI builds models for the rest only. A value the request's stream reader did not read (a
     * tree handed in, not read from a body) is read by it from the tree's tokens.
     */
    private ObjectNode select(String key, JsonNode value) {
        if (!value.isObject() || !value.hasNonNull("resourceType")) {
            throw new InvalidPrefetchException("prefetch." + key + " must be a FHIR resource or null");
        }
        if (value instanceof PrefetchValueReader.SelectedBundle || selection == ResourceSelection.EVERY_RESOURCE) {
            return (ObjectNode) value;
        }
        try (JsonParser tokens = value.traverse()) {
            tokens.nextToken();
            return (ObjectNode) values.read(tokens, key);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The entries left out of a Bundle that were matches of the search: a check of total counts them. */
    private static int leftOutMatches(ObjectNode value) {
        return value instanceof PrefetchValueReader.SelectedBundle bundle && bundle.selected()
                ? bundle.leftOutMatches()
                : 0;
    }

    private IBaseResource parse(String key, ObjectNode value) {
        try {
            return new TreeParser(fhir, parserErrors).parse(value);
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
            return new TreeParser(fhir, parserErrors).parse(select("-", value));
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
