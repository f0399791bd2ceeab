package org.rplcds.support.ehr;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Enumerations.SearchParamType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;

/**
 * A server that does what the US Core 9 Server CapabilityStatement makes mandatory and nothing
 * more: HL7/US-Core {@code input/resources/CapabilityStatement-us-core-server.json} (version
 * 9.0.0-ballot, the current statement in that repository), read for its SHALL search-parameter
 * combinations, and {@code input/pagecontent/general-requirements.md} ("FHIR RESTful Search API
 * Requirements") for GET and POST.
 */
final class UsCoreRules extends Rules {

    static final String STATEMENT = "http://hl7.org/fhir/us/core/CapabilityStatement/us-core-server";
    private static final String COMBINATION =
            "http://hl7.org/fhir/StructureDefinition/capabilitystatement-search-parameter-combination";
    private static final String EXPECTATION = "http://hl7.org/fhir/StructureDefinition/capabilitystatement-expectation";

    /**
     * The SHALL searches per type: a lone {@code patient} where that searchParam's expectation is
     * SHALL, and every combination extension whose expectation is SHALL. SHOULD and MAY combinations
     * (Observation patient+code+date, Condition patient+clinical-status, MedicationRequest
     * patient+intent+authoredon, ...) answer 400.
     */
    static final Map<String, List<Set<String>>> SHALL = new LinkedHashMap<>();

    static {
        SHALL.put("Condition", List.of(Set.of("patient"), Set.of("patient", "category")));
        SHALL.put(
                "Observation",
                List.of(
                        Set.of("patient", "category"),
                        Set.of("patient", "category", "date"),
                        Set.of("patient", "code")));
        SHALL.put("MedicationRequest", List.of(Set.of("patient", "intent"), Set.of("patient", "intent", "status")));
        SHALL.put(
                "ServiceRequest",
                List.of(
                        Set.of("patient"),
                        Set.of("patient", "category"),
                        Set.of("patient", "category", "authored"),
                        Set.of("patient", "code")));
        SHALL.put("Procedure", List.of(Set.of("patient"), Set.of("patient", "date")));
        SHALL.put(
                "DiagnosticReport",
                List.of(
                        Set.of("patient"),
                        Set.of("patient", "category"),
                        Set.of("patient", "category", "date"),
                        Set.of("patient", "code")));
    }

    /** Page size without {@code _count}: US Core names none; chosen. */
    static final int DEFAULT_PAGE_SIZE = 50;

    /** The largest page: US Core names none; {@code _count} above it gets pages of this size. */
    static final int MAX_PAGE_SIZE = 100;

    UsCoreRules(Chart chart) {
        super(chart);
    }

    @Override
    String rootPath() {
        return "fhir/";
    }

    @Override
    Map<String, List<Param>> searchParams() {
        Map<String, List<Param>> params = new LinkedHashMap<>();
        SHALL.forEach((type, combinations) -> {
            // patient first, then the others by name: Set.of has no order of its own
            Set<String> names = new TreeSet<>(
                    (a, b) -> a.equals(b) ? 0 : a.equals("patient") ? -1 : b.equals("patient") ? 1 : a.compareTo(b));
            combinations.forEach(names::addAll);
            List<Param> list = new ArrayList<>();
            for (String name : names) {
                list.add(new Param(name, type(name), documentation(name)));
            }
            list.add(new Param(
                    "_count",
                    SearchParamType.NUMBER,
                    "Page size; default " + DEFAULT_PAGE_SIZE + ", at most " + MAX_PAGE_SIZE));
            params.put(type, list);
        });
        return params;
    }

    private static SearchParamType type(String name) {
        return switch (name) {
            case "patient" -> SearchParamType.REFERENCE;
            case "date", "authored" -> SearchParamType.DATE;
            default -> SearchParamType.TOKEN;
        };
    }

    private static String documentation(String name) {
        return switch (type(name)) {
            case REFERENCE -> "The client SHALL provide at least a id value and MAY provide both the Type and id values.";
            case DATE -> "A client SHALL provide a value precise to the second + time offset.";
            default -> "The client SHALL provide at least a code value and MAY provide both the system and code values.";
        };
    }

    @Override
    void describe(CapabilityStatementRestResourceComponent resource) {
        for (Set<String> combination : SHALL.get(resource.getType())) {
            if (combination.size() < 2) {
                continue;
            }
            Extension extension = resource.addExtension().setUrl(COMBINATION);
            extension.addExtension(EXPECTATION, new CodeType("SHALL"));
            for (String name : new TreeSet<>(combination)) {
                extension.addExtension("required", new StringType(name));
            }
        }
    }

    @Override
    void identify(CapabilityStatement statement, String base) {
        // CapabilityStatement-us-core-server.json: name, title and publisher. The statement has no
        // software element (it states requirements, kind "requirements"); this server is an instance.
        statement.setName("UsCoreServerCapabilityStatement");
        statement.setTitle("US Core Server CapabilityStatement");
        statement.setPublisher("HL7 International - Cross-Group Projects");
        // general-requirements.md CONF-0014: a conformant server SHOULD list the statement in instantiates
        statement.addInstantiates(STATEMENT);
        statement.getImplementation().setDescription("US Core 9 Server, SHALL searches only");
        statement.setUrl(base + "metadata");
    }

    @Override
    boolean includesTotal() {
        // Bundle.total is optional in FHIR R4 and US Core does not require it: absent.
        return false;
    }

    @Override
    String pageTokenParam() {
        return "page-token";
    }

    @Override
    String nextLink(String base, String type, Query original, String token) {
        // Only the token: a search sent as POST to keep a long query out of the URL gets next links that
        // stay short too.
        return base + type + "?page-token=" + token;
    }

    @Override
    BaseServerResponseException unknownPage(String token) {
        return Outcomes.badRequest(IssueType.NOTFOUND, "Unknown or expired page-token " + token);
    }

    @Override
    Bundle search(Search search) {
        // general-requirements.md: "Servers that support search SHALL support the HTTP POST-based search
        // ... Servers SHALL also support the GET-based search": both arrive here with the same rules.
        Optional<Bundle> next = continuation(search);
        if (next.isPresent()) {
            return next.get();
        }
        List<Set<String>> combinations = SHALL.get(search.type());
        if (combinations == null) {
            throw Outcomes.badRequest(IssueType.NOTSUPPORTED, search.type() + " search is not supported");
        }
        Query query = search.query();
        for (String name : query.names()) {
            if (name.contains(":")) {
                throw Outcomes.badRequest(IssueType.NOTSUPPORTED, "Modifiers are not supported: " + name);
            }
        }
        Set<String> names = new TreeSet<>(query.names());
        names.remove("_count");
        if (!combinations.contains(names)) {
            // the statement's rest.documentation: "Return the following response classes: (Status 400):
            // invalid parameter"
            throw Outcomes.badRequest(
                    IssueType.NOTSUPPORTED,
                    "Unsupported search parameter combination " + names + " for " + search.type() + "; supported: "
                            + combinations.stream()
                                    .map(c -> new TreeSet<>(c).toString())
                                    .collect(Collectors.joining(", ")));
        }
        String patient = query.one("patient").orElseThrow();
        if (patient.contains("/")) {
            if (!patient.startsWith("Patient/")) {
                throw Outcomes.badRequest(IssueType.VALUE, "patient must be a Patient: " + patient);
            }
            patient = patient.substring("Patient/".length());
        }
        int count = count(query);
        Stream<Resource> found = chart.of(search.type(), patient).stream();
        for (String name : List.of("category", "code")) {
            for (String value : query.all(name)) {
                List<Token> wanted = Token.list(value);
                found = found.filter(r -> Token.anyMatches(wanted, Elements.codings(r, name)));
            }
        }
        for (String name : List.of("intent", "status")) {
            for (String value : query.all(name)) {
                List<Token> wanted = Token.list(value);
                found = found.filter(r -> Token.anyMatchesCode(wanted, Elements.code(r, name)));
            }
        }
        List<DateValue> dates = dates(query);
        if (!dates.isEmpty()) {
            found = found.filter(r -> Elements.dateMatches(Elements.mainDate(r), dates));
        }
        return firstPage(search, newestFirst(found.toList()), count, count, List.of());
    }

    /**
     * general-requirements.md: "The Client SHALL provide values precise to ... the second + time offset
     * for elements of datatype dateTime"; every date searched here (Observation and DiagnosticReport
     * effective, Procedure performed, ServiceRequest authoredOn) is a dateTime or Period, so a value
     * without time and offset is refused. Prefixes: eq (none), gt, lt, ge, le.
     */
    private static List<DateValue> dates(Query query) {
        List<DateValue> dates = new ArrayList<>();
        for (String name : List.of("date", "authored")) {
            for (String value : query.all(name)) {
                DateValue date = DateValue.parse(value)
                        .orElseThrow(() -> Outcomes.badRequest(IssueType.VALUE, "Invalid " + name + ": " + value));
                if (!date.hasTime() || !date.hasOffset()) {
                    throw Outcomes.badRequest(
                            IssueType.VALUE, name + " must be precise to the second with a time offset: " + value);
                }
                if (!Set.of("eq", "gt", "lt", "ge", "le").contains(date.prefix())) {
                    throw Outcomes.badRequest(IssueType.NOTSUPPORTED, "Unsupported prefix " + date.prefix());
                }
                dates.add(date);
            }
        }
        return dates;
    }

    private static int count(Query query) {
        Optional<String> given = query.one("_count");
        if (given.isEmpty()) {
            return DEFAULT_PAGE_SIZE;
        }
        try {
            int count = Integer.parseInt(given.get());
            if (count > 0) {
                // FHIR R4 search.html#count: _count is a hint; the server may return fewer
                return Math.min(count, MAX_PAGE_SIZE);
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw Outcomes.badRequest(IssueType.VALUE, "_count must be a positive integer: " + given.get());
    }
}
