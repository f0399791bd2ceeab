package org.rplcds.support.ehr;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.RestfulCapabilityMode;
import org.hl7.fhir.r4.model.CapabilityStatement.TypeRestfulInteraction;
import org.hl7.fhir.r4.model.Enumerations.FHIRVersion;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.Enumerations.SearchParamType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Resource;

/**
 * One vendor's search behaviour: which parameters it takes, what it answers, how it pages, and the
 * CapabilityStatement it publishes. Subclasses say what their vendor documents; this class holds
 * what all of them share: paging through opaque next links, and the Bundle.
 */
abstract class Rules {

    /** The types searched by patient; Patient itself is only read. */
    static final List<String> SEARCHED =
            List.of("Condition", "Observation", "MedicationRequest", "ServiceRequest", "Procedure", "DiagnosticReport");

    /** A search parameter as the CapabilityStatement lists it. */
    record Param(String name, SearchParamType type, String documentation) {}

    /** One search request as received: type, parameters, whether it came as POST [type]/_search. */
    record Search(String type, Query query, boolean post, String base) {

        String self() {
            String encoded = query.encoded();
            return base + type + (encoded.isEmpty() ? "" : "?" + encoded);
        }
    }

    /** What a next link stands for: the matches of the first request and where the next page starts. */
    private record Paged(String type, List<Resource> matches, int offset, int pageSize, Query original) {}

    final Chart chart;
    private final Map<String, Paged> pages = new ConcurrentHashMap<>();

    Rules(Chart chart) {
        this.chart = chart;
    }

    /** The path the service root sits at, as the vendor's own URLs show it; ends with "/". */
    abstract String rootPath();

    /** The parameters each searched type accepts, exactly; the CapabilityStatement lists these. */
    abstract Map<String, List<Param>> searchParams();

    /** Answers a search, or throws the vendor's refusal. */
    abstract Bundle search(Search search);

    /** Name, publisher, software and the like, as the vendor's published statement has them. */
    abstract void identify(CapabilityStatement statement, String base);

    /** Whether searchset Bundles carry {@code total}. */
    abstract boolean includesTotal();

    /** The query parameter a next link carries its opaque page token in. */
    abstract String pageTokenParam();

    /** The next link for a page token; the client follows it as given. */
    abstract String nextLink(String base, String type, Query original, String token);

    /** The refusal for a page token the server does not know (expired, or never issued). */
    abstract ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException unknownPage(String token);

    /** The entries a page after the first holds: fewer than the first page's. */
    int laterPageSize(int pageSize) {
        // Cerner R4 Observation: "Second page onward, returned item count may be less than requested"
        // (cerner/fhir.cerner.com content/millennium/r4/clinical/diagnostics/observation.md); FHIR R4
        // search.html#count lets every server page as it likes, so every dialect does it.
        return Math.max(1, pageSize - pageSize / 4);
    }

    /** Whether {@code type} accepts a parameter of that name (modifiers are each dialect's matter). */
    boolean accepts(String type, String name) {
        return searchParams().getOrDefault(type, List.of()).stream()
                .anyMatch(p -> p.name().equals(name));
    }

    /** The next page of an earlier search, when the request carries a page token. */
    Optional<Bundle> continuation(Search search) {
        Optional<String> token = search.query().one(pageTokenParam());
        if (token.isEmpty()) {
            return Optional.empty();
        }
        Paged paged = pages.get(token.get());
        if (paged == null || !paged.type().equals(search.type())) {
            throw unknownPage(token.get());
        }
        int count = laterPageSize(paged.pageSize());
        return Optional.of(bundle(
                search.base(),
                paged.type(),
                paged.matches(),
                paged.offset(),
                count,
                paged.pageSize(),
                paged.original(),
                List.of(),
                search.self()));
    }

    /** The first page of a search's matches; the rest are reached through next links. */
    Bundle firstPage(
            Search search, List<Resource> matches, int firstCount, int pageSize, List<OperationOutcome> outcomes) {
        return bundle(
                search.base(),
                search.type(),
                matches,
                0,
                firstCount,
                pageSize,
                search.query(),
                outcomes,
                search.self());
    }

    private Bundle bundle(
            String base,
            String type,
            List<Resource> matches,
            int offset,
            int count,
            int pageSize,
            Query original,
            List<OperationOutcome> outcomes,
            String self) {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.SEARCHSET);
        bundle.setId(UUID.randomUUID().toString());
        bundle.addLink().setRelation("self").setUrl(self);
        int end = Math.min(matches.size(), offset + count);
        if (end < matches.size()) {
            String token = UUID.randomUUID().toString();
            pages.put(token, new Paged(type, matches, end, pageSize, original));
            bundle.addLink().setRelation("next").setUrl(nextLink(base, type, original, token));
        }
        if (includesTotal()) {
            bundle.setTotal(matches.size());
        }
        for (Resource resource : matches.subList(Math.min(offset, end), end)) {
            bundle.addEntry()
                    .setFullUrl(base + type + "/" + resource.getIdElement().getIdPart())
                    .setResource(resource)
                    .getSearch()
                    .setMode(Bundle.SearchEntryMode.MATCH);
        }
        for (OperationOutcome outcome : outcomes) {
            bundle.addEntry().setResource(outcome).getSearch().setMode(Bundle.SearchEntryMode.OUTCOME);
        }
        return bundle;
    }

    /** Newest first by the main date; undated last. */
    static List<Resource> newestFirst(List<Resource> resources) {
        List<Resource> sorted = new ArrayList<>(resources);
        sorted.sort(Comparator.comparing(
                (Resource r) -> Elements.mainDate(r).map(d -> d[0]).orElse(Instant.MIN), Comparator.reverseOrder()));
        return sorted;
    }

    /** The CapabilityStatement at {@code [base]/metadata}. */
    CapabilityStatement capabilityStatement(String base) {
        CapabilityStatement statement = new CapabilityStatement();
        statement.setStatus(PublicationStatus.ACTIVE);
        statement.setKind(CapabilityStatement.CapabilityStatementKind.INSTANCE);
        statement.setFhirVersion(FHIRVersion._4_0_1);
        statement.addFormat("json");
        statement.addFormat("application/fhir+json");
        statement.getImplementation().setUrl(base);
        var rest = statement.addRest().setMode(RestfulCapabilityMode.SERVER);
        rest.addResource().setType("Patient").addInteraction().setCode(TypeRestfulInteraction.READ);
        Map<String, List<Param>> params = new LinkedHashMap<>(searchParams());
        params.forEach((type, list) -> {
            CapabilityStatementRestResourceComponent resource =
                    rest.addResource().setType(type);
            resource.addInteraction().setCode(TypeRestfulInteraction.READ);
            resource.addInteraction().setCode(TypeRestfulInteraction.SEARCHTYPE);
            for (Param param : list) {
                resource.addSearchParam()
                        .setName(param.name())
                        .setType(param.type())
                        .setDocumentation(param.documentation());
            }
            describe(resource);
        });
        identify(statement, base);
        return statement;
    }

    /** Room for what a vendor adds to one resource entry of its statement. */
    void describe(CapabilityStatementRestResourceComponent resource) {}
}
