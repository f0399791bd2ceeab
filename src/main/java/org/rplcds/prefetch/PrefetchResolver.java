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
import java.util.concurrent.atomic.AtomicInteger;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.rplcds.system.CdsProperties;
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
    private final FhirServerReader reader;
    private final ServerProfiles profiles;
    private final CdsProperties.Fallback settings;
    private final FhirServerPolicy policy;
    private final ResourceSelection selection;
    private final PrefetchValueReader values;

    PrefetchResolver(
            FhirContext fhir,
            IParserErrorHandler parserErrors,
            FhirServerReader reader,
            ServerProfiles profiles,
            CdsProperties properties,
            FhirServerPolicy policy,
            ResourceSelection selection) {
        this.fhir = fhir;
        this.parserErrors = parserErrors;
        this.reader = reader;
        this.profiles = profiles;
        this.settings = properties.fallback();
        this.policy = policy;
        this.selection = selection;
        this.values = new PrefetchValueReader(new ObjectMapper(), selection);
    }

    /**
     * Why a key must be read from fhirServer: its filled template, or the next page of what the
     * client sent; {@code withoutServer} is shown when it cannot be read.
     */
    private record Need(String query, URI next, int alreadyRead, String withoutServer) {}

    /**
     * A key the client sent that a server of some dialect answers in part for its template (an
     * Epic Condition search answers active Conditions only): kept aside until the server is known.
     */
    private record Sent(String query, List<IBaseResource> resources, Need next) {}

    /**
     * @throws InvalidPrefetchException when a prefetch value is not a FHIR resource
     * @throws MissingPrefetchException when needed data can be had neither way
     */
    public PatientRecord resolve(String patientId, PrefetchInput input) {
        List<IBaseResource> resources = new ArrayList<>();
        Map<String, Need> toRead = new LinkedHashMap<>();
        Map<String, Sent> sentInPart = new LinkedHashMap<>();
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
                    List<IBaseResource> sent = new ArrayList<>();
                    addResources(bundle, sent);
                    Optional<String> next = next(bundle);
                    int matches = matches(bundle) + leftOutMatches(selected);
                    // Decided on the template as written: filled only where it is read.
                    Optional<String> query = base != null
                                    && SearchQuery.parse(template.getValue())
                                            .filter(t -> Dialect.anyRereads(t, next.isPresent()))
                                            .isPresent()
                            ? PrefetchTemplates.fill(template.getValue(), input.context())
                            : Optional.empty();
                    boolean suspect = query.isPresent();
                    if (next.isPresent()) {
                        // CDS Hooks 2.0 lets a client prefetch a first page: the rest is read on.
                        Need paging = continuePaging(key, next.get(), matches, base, missing);
                        if (suspect) {
                            sentInPart.put(key, new Sent(query.get(), sent, paging));
                        } else {
                            resources.addAll(sent);
                            if (paging != null) {
                                toRead.put(key, paging);
                            }
                        }
                        continue;
                    }
                    if (!bundle.hasTotal() || bundle.getTotal() <= matches) {
                        if (suspect) {
                            sentInPart.put(key, new Sent(query.get(), sent, null));
                        } else {
                            resources.addAll(sent);
                        }
                        continue;
                    }
                    resources.addAll(sent);
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
            toRead.put(key, new Need(query.get(), null, 0, withoutServer));
        }
        // Values sent under keys the service did not ask for are read too: clients send them.
        for (var sent : input.prefetch().entrySet()) {
            if (!input.templates().containsKey(sent.getKey())
                    && sent.getValue() != null
                    && sent.getValue().isObject()) {
                addResources(parseOrNull(sent.getValue()), resources);
            }
        }
        read(input, base, toRead, sentInPart, missing, resources);
        if (!missing.isEmpty()) {
            throw new MissingPrefetchException(missing);
        }
        return PatientRecord.of(patientId, resources);
    }

    private void read(
            PrefetchInput input,
            URI base,
            Map<String, Need> toRead,
            Map<String, Sent> sentInPart,
            Map<String, String> missing,
            List<IBaseResource> resources) {
        if (toRead.isEmpty() && sentInPart.isEmpty()) {
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
            sentInPart.values().forEach(sent -> resources.addAll(sent.resources()));
            sentInPart.forEach((key, sent) -> {
                if (sent.next() != null) {
                    toRead.put(key, sent.next());
                }
            });
            if (toRead.isEmpty()) {
                return;
            }
            // The client learns only that the server could not be read: no port scanner.
            log.warn(
                    "fhirServer refused hookInstance={} reason=\"{}\" keys={}",
                    input.hookInstance(),
                    refusal.get(),
                    String.join(",", toRead.keySet()));
            toRead.keySet().forEach(key -> missing.put(key, NOT_READ));
            return;
        }
        long deadline = input.started() + settings.totalTimeout().toNanos();
        ServerProfile server = profiles.profile(base, deadline);
        sentInPart.forEach((key, sent) -> {
            SearchQuery query = SearchQuery.parse(sent.query()).orElseThrow();
            Optional<String> reason = server.dialect().rereads(query, sent.next() != null);
            if (reason.isPresent()) {
                // What the client sent is what this server answers by default, or the start of a
                // long paging: read it whole, as planned for this server.
                log.info(
                        "prefetch read again from fhirServer hookInstance={} key={} reason={}",
                        input.hookInstance(),
                        key,
                        reason.get());
                toRead.put(key, new Need(sent.query(), null, 0, ""));
            } else {
                resources.addAll(sent.resources());
                if (sent.next() != null) {
                    toRead.put(key, sent.next());
                }
            }
        });
        if (toRead.isEmpty()) {
            return;
        }
        List<FhirServerReader.Search> searches = new ArrayList<>();
        Map<String, String> keyOf = new LinkedHashMap<>();
        Map<String, String> planned = new LinkedHashMap<>();
        toRead.forEach((key, need) -> {
            for (FhirServerReader.Search search : searches(key, need, base, server, settings.maxSearchResources())) {
                String target = search.first().url() + search.first().form().orElse("");
                if (planned.putIfAbsent(target, key) == null) {
                    searches.add(search);
                    keyOf.put(search.key(), key);
                }
            }
        });
        Map<String, FhirServerReader.Outcome> outcomes =
                reader.read(base, input.accessToken(), searches, input.started());
        Map<String, List<FhirServerReader.Outcome>> byKey = new LinkedHashMap<>();
        toRead.keySet().forEach(key -> byKey.put(key, new ArrayList<>()));
        Map<String, URI> firstUrl = new LinkedHashMap<>();
        searches.forEach(search -> firstUrl.put(search.key(), search.first().url()));
        outcomes.forEach((search, outcome) -> {
            String key = keyOf.get(search);
            byKey.get(key).add(outcome);
            String query = toRead.get(key).query();
            input.reads()
                    .read(
                            base.toString(),
                            query != null ? resourceType(query) : resourceType(base, firstUrl.get(search)),
                            outcome.pages(),
                            outcome.resources().size(),
                            outcome.failure().orElse("complete"));
        });
        long millis = (System.nanoTime() - input.started()) / 1_000_000;
        int pages = 0;
        int read = 0;
        long bytes = 0;
        for (var entry : byKey.entrySet()) {
            String key = entry.getKey();
            FhirServerReader.Outcome outcome = FhirServerReader.merged(entry.getValue());
            pages += outcome.pages();
            read += outcome.resources().size();
            bytes += outcome.bytes();
            entry.getValue().stream()
                    .flatMap(o -> o.retried().stream())
                    .findFirst()
                    .ifPresent(retried -> log.info(
                            "fhirServer refused a search; read it otherwise hookInstance={} key={} refused=\"{}\"",
                            input.hookInstance(),
                            key,
                            retried));
            Need need = toRead.get(key);
            Optional<String> failure = outcome.failure()
                    .or(() -> need.next() == null ? wrongType(need.query(), outcome.resources()) : Optional.empty());
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
                "fhirServer read hookInstance={} dialect={} keys={} searches={} pages={} resources={} bytes={}"
                        + " millis={}",
                input.hookInstance(),
                server.read() ? server.dialect() : "unknown",
                String.join(",", toRead.keySet()),
                searches.size(),
                pages,
                read,
                bytes,
                millis);
    }

    /**
     * The resource type a URL of the server reads, such as the {@code next} link of a page the
     * client sent: {@code Observation} of {@code [base]/Observation?page=2}; {@code unknown} when
     * the URL does not say ({@code [base]?_getpages=...}).
     */
    static String resourceType(URI base, URI url) {
        if (url == null || url.getPath() == null) {
            return "unknown";
        }
        String root = base.getPath() == null ? "" : base.getPath().replaceAll("/+$", "");
        String path = url.getPath();
        if (!path.startsWith(root)) {
            return "unknown";
        }
        return resourceType(path.substring(root.length()).replaceAll("^/+", ""));
    }

    /** The resource type a query reads: {@code Observation} of {@code Observation?patient=1}. */
    static String resourceType(String query) {
        int end = query.length();
        for (int i = 0; i < query.length(); i++) {
            char c = query.charAt(i);
            if (c == '?' || c == '/') {
                end = i;
                break;
            }
        }
        String type = query.substring(0, end);
        return type.matches("[A-Z][A-Za-z]{1,63}") ? type : "unknown";
    }

    /** The searches that read what a key needs from this server, planned from what it supports. */
    private static List<FhirServerReader.Search> searches(
            String key, Need need, URI base, ServerProfile server, int maxResources) {
        if (need.next() != null) {
            return List.of(new FhirServerReader.Search(key, need.next(), need.alreadyRead()));
        }
        Optional<SearchQuery> query = SearchQuery.parse(need.query());
        if (query.isEmpty()) {
            return List.of(new FhirServerReader.Search(key, base.resolve(need.query()), 0));
        }
        List<SearchQuery> planned = SearchPlanner.plan(query.get(), server);
        // The searches of one key share its limit: slices and categories read no more than one search.
        AtomicInteger shared = planned.size() > 1 ? new AtomicInteger(maxResources) : null;
        List<FhirServerReader.Search> searches = new ArrayList<>();
        for (int i = 0; i < planned.size(); i++) {
            SearchQuery search = planned.get(i);
            searches.add(new FhirServerReader.Search(
                    i == 0 ? key : key + "#" + (i + 1),
                    request(search, base),
                    0,
                    (status, said) -> {
                        if (status == 414) {
                            // The request-URI was too long: the same search as a form (FHIR R4 search).
                            return List.of(new FhirServerReader.Request(search.post(base), Optional.of(search.form())));
                        }
                        return SearchPlanner.recover(search, said, server).stream()
                                .map(instead -> request(instead, base))
                                .toList();
                    },
                    shared));
        }
        return searches;
    }

    /** A GET of the search, or a POST of it as a form where its URL would be longer than servers take. */
    private static FhirServerReader.Request request(SearchQuery search, URI base) {
        URI get = search.get(base);
        return get.toString().length() <= MAX_GET_LENGTH
                ? FhirServerReader.Request.get(get)
                : new FhirServerReader.Request(search.post(base), Optional.of(search.form()));
    }

    /** The longest GET URL sent; longer searches are posted ({@code [type]/_search}). */
    static final int MAX_GET_LENGTH = 8_000;

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

    /** The rest of a prefetched first page, or null when it cannot be read (noted in {@code missing}). */
    private static Need continuePaging(String key, String next, int sent, URI base, Map<String, String> missing) {
        if (base == null) {
            return new Need(
                    null, null, sent, "prefetch holds the first page of results (a next link) and no fhirServer given");
        }
        Optional<URI> url = FhirServerReader.sameServer(base, next);
        if (url.isEmpty()) {
            // The bearer token goes to the client's FHIR server only.
            missing.put(key, "next link of the prefetch points outside fhirServer");
            return null;
        }
        return new Need(null, url.get(), sent, "");
    }

    private static URI base(URI server) {
        String text = server.toString();
        return URI.create(text.endsWith("/") ? text : text + "/");
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
    private static Optional<String> wrongType(String query, List<IBaseResource> read) {
        if (query == null || query.contains("?")) {
            return Optional.empty();
        }
        String[] segments = query.split("/");
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
