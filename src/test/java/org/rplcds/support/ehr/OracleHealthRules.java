package org.rplcds.support.ehr;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Dosage;
import org.hl7.fhir.r4.model.Enumerations.SearchParamType;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Resource;

/**
 * Oracle Health Millennium Platform (Cerner Millennium) R4, as fhir.cerner.com documents it. The
 * documents are the Markdown sources of that site in the public repository cerner/fhir.cerner.com;
 * paths below are in that repository. Each type takes its documented parameters and no other.
 */
final class OracleHealthRules extends Rules {

    /** The public sandbox tenant the documents' URLs use. */
    static final String TENANT = "ec2458f2-1e24-41c8-b71b-0e701af7583d";

    /** ServiceRequest.code's only searchable system: Millennium code set 200 (orderables). */
    static final String ORDER_CODES = "https://fhir.cerner.com/" + TENANT + "/codeSet/200";

    private static final String CONDITION_DOC = "content/millennium/r4/clinical/summary/condition.md";
    private static final String PROCEDURE_DOC = "content/millennium/r4/clinical/summary/procedure.md";
    private static final String OBSERVATION_DOC = "content/millennium/r4/clinical/diagnostics/observation.md";
    private static final String MEDICATION_DOC = "content/millennium/r4/clinical/medications/medication-request.md";
    private static final String SERVICE_DOC = "content/millennium/r4/clinical/care-provision/service-request.md";
    private static final String REPORT_DOC = "content/millennium/r4/clinical/diagnostics/diagnostic-report.md";

    // condition.md: "Categories problem-list-item, encounter-diagnosis and health-concern are supported as of now."
    private static final Set<String> CONDITION_CATEGORIES =
            Set.of("problem-list-item", "encounter-diagnosis", "health-concern");

    // observation.md: "Search for labs, vitals, and alcohol/tobacco use Observations"; the fields list
    // "Category (laboratory, social history, vital-signs)". Other Observations are not returned at all.
    private static final Set<String> OBSERVATION_CATEGORIES = Set.of("laboratory", "vital-signs", "social-history");

    /**
     * Page size where the type takes no {@code _count}. None is documented; FAQ common-issues.md
     * says apps must page every resource "even if our FHIR server does not support it yet", so these
     * page too, at Observation's documented default of 50.
     */
    static final int UNDOCUMENTED_PAGE_SIZE = 50;

    /** Cap for a {@code _count} whose maximum is not documented (MedicationRequest, ServiceRequest). */
    static final int UNDOCUMENTED_MAX_COUNT = 100;

    OracleHealthRules(Chart chart) {
        super(chart);
    }

    @Override
    String rootPath() {
        // r4.md: service root URLs are ":serviceRootURL/:resource", e.g. https://fhir-open.cerner.com/r4/<tenant>/
        return "r4/" + TENANT + "/";
    }

    @Override
    Map<String, List<Param>> searchParams() {
        Map<String, List<Param>> params = new LinkedHashMap<>();
        params.put(
                "Condition",
                List.of(
                        id("Condition"),
                        new Param("patient", SearchParamType.REFERENCE, "Who the condition is for. " + CONDITION_DOC),
                        new Param("subject", SearchParamType.REFERENCE, "Who the condition is for: Patient/12345"),
                        new Param("clinical-status", SearchParamType.TOKEN, "active, inactive, resolved"),
                        new Param(
                                "category",
                                SearchParamType.TOKEN,
                                "problem-list-item, encounter-diagnosis, health-concern"),
                        new Param(
                                "encounter",
                                SearchParamType.REFERENCE,
                                "Encounter-diagnosis conditions of the encounter(s) and all problem-list-item conditions"),
                        revinclude()));
        params.put(
                "Observation",
                List.of(
                        new Param("patient", SearchParamType.REFERENCE, "The subject (Patient). " + OBSERVATION_DOC),
                        new Param("subject", SearchParamType.REFERENCE, "Patient/12345 or subject:Patient=12345"),
                        new Param(
                                "code", SearchParamType.TOKEN, "Comma separated list; searches only Observation.code"),
                        new Param(
                                "date", SearchParamType.DATE, "Up to twice; eq, ge, gt, le, lt; not with _lastUpdated"),
                        new Param("_lastUpdated", SearchParamType.DATE, "Up to twice; not with date"),
                        new Param("category", SearchParamType.TOKEN, "laboratory, vital-signs, social-history"),
                        new Param(
                                "_count",
                                SearchParamType.NUMBER,
                                "Results per page. Defaults to 50. Maximum supported count = 200."),
                        revinclude()));
        params.put(
                "MedicationRequest",
                List.of(
                        id("MedicationRequest"),
                        new Param("patient", SearchParamType.REFERENCE, "The patient. " + MEDICATION_DOC),
                        new Param("status", SearchParamType.TOKEN, "May be a list separated by commas"),
                        new Param("intent", SearchParamType.TOKEN, "Example: order,plan"),
                        new Param("-timing-boundsPeriod", SearchParamType.DATE, "Must be prefixed by ge"),
                        new Param("_lastUpdated", SearchParamType.DATE, "Time required; prefixed by ge or le"),
                        new Param(
                                "_count", SearchParamType.NUMBER, "The maximum number of results to include in a page"),
                        revinclude()));
        params.put(
                "ServiceRequest",
                List.of(
                        id("ServiceRequest"),
                        new Param("patient", SearchParamType.REFERENCE, "The patient. " + SERVICE_DOC),
                        new Param("subject", SearchParamType.REFERENCE, "Patient/12345 or subject:Patient=12345"),
                        new Param("code", SearchParamType.TOKEN, "System must be " + ORDER_CODES),
                        new Param("_lastUpdated", SearchParamType.DATE, "Time required; prefixed by ge or le"),
                        new Param(
                                "_count", SearchParamType.NUMBER, "The maximum number of ServiceRequests in a page")));
        params.put(
                "Procedure",
                List.of(
                        id("Procedure"),
                        new Param("patient", SearchParamType.REFERENCE, "Who the procedure is for. " + PROCEDURE_DOC),
                        new Param("subject", SearchParamType.REFERENCE, "Patient/12345"),
                        new Param(
                                "date",
                                SearchParamType.DATE,
                                "Once with a prefix and time, or twice as a closed range"),
                        revinclude()));
        params.put(
                "DiagnosticReport",
                List.of(
                        id("DiagnosticReport"),
                        new Param("patient", SearchParamType.REFERENCE, "The subject of the report. " + REPORT_DOC),
                        new Param("encounter", SearchParamType.REFERENCE, "Comma separated list of encounters"),
                        new Param("date", SearchParamType.DATE, "Once or twice, with or without prefixes"),
                        new Param("_count", SearchParamType.NUMBER, "Defaults to 10; at most 100"),
                        new Param("category", SearchParamType.TOKEN, "The diagnostic discipline"),
                        new Param("code", SearchParamType.TOKEN, "The report code"),
                        revinclude()));
        return params;
    }

    private static Param id(String type) {
        return new Param(
                "_id",
                SearchParamType.TOKEN,
                "A single or comma separated list of " + type + " ids; no other parameter with it");
    }

    private static Param revinclude() {
        return new Param("_revinclude", SearchParamType.TOKEN, "Provenance:target only");
    }

    @Override
    void identify(CapabilityStatement statement, String base) {
        // Values of R4_OPEN_METADATA / R4_AUTH_METADATA in
        // lib/resources/example_json/r4_examples_capabilitystatement.rb (the capability-statement page's
        // example), also the r4.md schema example. Neither has a software element.
        statement.setName("CernerCapabilityStatement");
        statement.setTitle("Cerner Capability Statement");
        statement.setPublisher("Cerner");
        statement.setDescription("Cerner implementation of FHIR on top of Millennium");
        statement.getImplementation().setDescription("Cerner implementation of FHIR on top of Millennium");
        statement.getRestFirstRep().setDocumentation("Cerner implementation of FHIR on top of Millennium");
        statement.setUrl(base + "metadata");
    }

    @Override
    boolean includesTotal() {
        // r4.md Pagination: the documented searchset has type, link and entry, no total. Absent, as
        // nothing promises it.
        return false;
    }

    @Override
    String pageTokenParam() {
        return "pageContext";
    }

    @Override
    String nextLink(String base, String type, Query original, String token) {
        // r4.md Pagination: "...Observation?subject%3APatient=1316024&pageContext=35d95fe0-...&direction=NEXT";
        // "It is important to follow these Link header values instead of constructing your own URLs."
        String kept = original.without("pageContext", "direction").encoded();
        return base + type + "?" + (kept.isEmpty() ? "" : kept + "&") + "pageContext=" + token + "&direction=NEXT";
    }

    @Override
    BaseServerResponseException unknownPage(String token) {
        // not documented: the stricter reading, a 400 naming the token
        return Outcomes.badRequest(IssueType.INVALID, "pageContext " + token + " is not valid or has expired");
    }

    @Override
    Bundle search(Search search) {
        if (search.post()) {
            // r4.md HTTP Verbs: GET retrieves, POST creates; POST [type]/_search is not documented
            throw Outcomes.refuse(
                    405,
                    Outcomes.issue(IssueSeverity.ERROR, IssueType.NOTSUPPORTED, null, "POST search is not supported"));
        }
        Optional<Bundle> next = continuation(search);
        if (next.isPresent()) {
            return next.get();
        }
        if (!SEARCHED.contains(search.type())) {
            throw Outcomes.badRequest(IssueType.NOTSUPPORTED, search.type() + " search is not supported");
        }
        Query query = search.query();
        rejectUnknown(search.type(), query);
        query.one("_revinclude").filter(v -> !v.equals("Provenance:target")).ifPresent(v -> {
            throw Outcomes.badRequest(IssueType.VALUE, "_revinclude may only be Provenance:target");
        });
        if (query.has("_id")) {
            // condition.md et al.: "If _id is provided, no other parameters may be provided." (_revinclude aside)
            if (query.without("_id", "_revinclude").names().isEmpty()) {
                List<Resource> found = Token.list(query.one("_id").orElseThrow()).stream()
                        .flatMap(t -> chart.byId(search.type(), t.code()).stream())
                        .toList();
                return firstPage(search, found, found.size(), Math.max(1, found.size()), List.of());
            }
            throw Outcomes.badRequest(IssueType.INVALID, "If _id is provided, no other parameters may be provided");
        }
        String patient = patient(query);
        List<Resource> candidates = chart.of(search.type(), patient);
        return switch (search.type()) {
            case "Condition" -> conditions(search, candidates);
            case "Procedure" -> procedures(search, candidates);
            case "Observation" -> observations(search, candidates);
            case "MedicationRequest" -> medications(search, candidates);
            case "ServiceRequest" -> orders(search, candidates);
            default -> reports(search, candidates);
        };
    }

    /**
     * Any parameter a type does not document answers 400 naming it. The documents do not say what an
     * unknown parameter gets (FHIR R4 search.html#errors lets a server ignore it); refusing is the
     * stricter reading, and the one a client must survive.
     */
    private void rejectUnknown(String type, Query query) {
        for (String name : query.names()) {
            String base = Query.base(name);
            boolean modifierAllowed = name.equals(base) || name.equals("subject:Patient");
            if (!accepts(type, base) || !modifierAllowed) {
                throw Outcomes.badRequest(IssueType.NOTSUPPORTED, "Unsupported search parameter: " + name);
            }
        }
    }

    private static String patient(Query query) {
        List<String> given = new ArrayList<>();
        query.all("patient").forEach(v -> given.add(reference(v)));
        query.all("subject").forEach(v -> given.add(reference(v)));
        query.all("subject:Patient").forEach(given::add);
        if (given.isEmpty()) {
            // r4.md Client Errors: "Failing to send a required query parameter will result in a
            // 400 Bad Request response ... no supported search parameters provided"
            throw Outcomes.refuse(
                    400,
                    Outcomes.issue(
                            IssueSeverity.ERROR, IssueType.REQUIRED, null, "no supported search parameters provided"));
        }
        if (given.size() > 1) {
            throw Outcomes.badRequest(IssueType.INVALID, "Only one of patient or subject may be provided");
        }
        return given.get(0);
    }

    /** {@code 12345} or {@code Patient/12345}; subject "must represent a Patient resource". */
    private static String reference(String value) {
        if (!value.contains("/")) {
            return value;
        }
        if (value.startsWith("Patient/")) {
            return value.substring("Patient/".length());
        }
        throw Outcomes.badRequest(IssueType.VALUE, "The subject must represent a Patient resource: " + value);
    }

    private Bundle conditions(Search search, List<Resource> candidates) {
        Query query = search.query();
        Stream<Condition> found = candidates.stream().map(Condition.class::cast);
        for (String value : query.all("clinical-status")) {
            List<Token> wanted = Token.list(value);
            found = found.filter(c -> Token.anyMatchesCode(wanted, Elements.clinicalStatus(c)));
        }
        for (String value : query.all("category")) {
            List<Token> wanted = Token.list(value);
            wanted.stream()
                    .filter(t -> !CONDITION_CATEGORIES.contains(t.code()))
                    .findFirst()
                    .ifPresent(t -> {
                        throw Outcomes.badRequest(IssueType.VALUE, "Unsupported category: " + t.code());
                    });
            found = found.filter(c -> Token.anyMatches(wanted, Elements.codings(c, "category")));
        }
        Optional<String> encounter = query.one("encounter");
        if (encounter.isPresent()) {
            // condition.md: "When encounter is provided, encounter-diagnosis for the matched encounter/s and
            // all problem-list-item conditions of the patient will be returned. No HealthConcerns are returned."
            List<String> encounters = Token.list(encounter.get()).stream()
                    .map(t -> t.code().startsWith("Encounter/") ? t.code().substring("Encounter/".length()) : t.code())
                    .toList();
            found = found.filter(c -> hasCategory(c, "problem-list-item")
                    || (hasCategory(c, "encounter-diagnosis")
                            && Elements.encounterId(c)
                                    .filter(encounters::contains)
                                    .isPresent()));
        }
        List<Resource> matches = newestFirst(found.map(Resource.class::cast).toList());
        return firstPage(search, matches, UNDOCUMENTED_PAGE_SIZE, UNDOCUMENTED_PAGE_SIZE, List.of());
    }

    private static boolean hasCategory(Resource resource, String code) {
        return Elements.codings(resource, "category").stream().anyMatch(c -> code.equals(c.getCode()));
    }

    private Bundle procedures(Search search, List<Resource> candidates) {
        List<DateValue> dates = dates(search.query(), "date");
        // procedure.md: "A date parameter may be provided once with a prefix and time component to imply a
        // date range. Alternately it may be provided twice with le, lt, ge, or gt prefixes and time
        // component ... The date and prefix pairs must create a closed range."
        if (dates.size() == 1 && (!dates.get(0).prefixGiven() || !dates.get(0).hasTime())) {
            throw Outcomes.badRequest(IssueType.VALUE, "date must have a prefix and a time component");
        }
        if (dates.size() == 2) {
            closedRange(dates, "date");
            if (dates.stream().anyMatch(d -> !d.hasTime())) {
                throw Outcomes.badRequest(IssueType.VALUE, "date must have a time component");
            }
        }
        if (dates.size() > 2) {
            throw Outcomes.badRequest(IssueType.VALUE, "date may be provided at most twice");
        }
        List<Resource> matches = newestFirst(candidates.stream()
                .filter(r -> dates.isEmpty() || Elements.dateMatches(Elements.mainDate(r), dates))
                .toList());
        return firstPage(search, matches, UNDOCUMENTED_PAGE_SIZE, UNDOCUMENTED_PAGE_SIZE, List.of());
    }

    private Bundle observations(Search search, List<Resource> candidates) {
        Query query = search.query();
        // observation.md: "The date and _lastUpdated parameters may not be provided together."
        if (query.has("date") && query.has("_lastUpdated")) {
            throw Outcomes.badRequest(IssueType.INVALID, "date and _lastUpdated may not be provided together");
        }
        List<DateValue> dates = observationDates(query, "date");
        List<DateValue> updated = observationDates(query, "_lastUpdated");
        // observation.md: "_count ... Defaults to 50." and "Maximum supported count = 200." A larger count is
        // refused rather than lowered: "maximum supported" says the server does not take it.
        int count = count(query, 50, 200, false);
        Stream<Resource> found = candidates.stream().filter(r -> Elements.codings(r, "category").stream()
                .anyMatch(c -> OBSERVATION_CATEGORIES.contains(c.getCode())));
        for (String value : query.all("code")) {
            // observation.md: "Searches only Observation.code" (not component codes)
            List<Token> wanted = Token.list(value);
            found = found.filter(r -> Token.anyMatches(wanted, Elements.codings(r, "code")));
        }
        for (String value : query.all("category")) {
            List<Token> wanted = Token.list(value);
            found = found.filter(r -> Token.anyMatches(wanted, Elements.codings(r, "category")));
        }
        if (!dates.isEmpty()) {
            // observation.md: "Social History results won't be affected by date and _lastUpdated parameters"
            found = found.filter(r -> isSocialHistory(r) || Elements.dateMatches(Elements.mainDate(r), dates));
        }
        if (!updated.isEmpty()) {
            found = found.filter(r -> isSocialHistory(r) || Elements.dateMatches(Elements.lastUpdated(r), updated));
        }
        List<Resource> all = found.toList();
        // observation.md: "All Social history Observations ... will be returned on the first page of results";
        // "Results are sorted by effective date/time in descending order"; _count "won't affect the first page".
        List<Resource> social =
                all.stream().filter(OracleHealthRules::isSocialHistory).toList();
        List<Resource> others =
                newestFirst(all.stream().filter(r -> !isSocialHistory(r)).toList());
        List<Resource> ordered = new ArrayList<>(social);
        ordered.addAll(others);
        return firstPage(search, ordered, social.size() + count, count, List.of());
    }

    private static boolean isSocialHistory(Resource observation) {
        return hasCategory(observation, "social-history");
    }

    /**
     * observation.md: "The date and _lastUpdated parameters may be provided up to two times, and must use
     * the eq, ge, gt, le, or lt prefixes ... When provided twice, the lower value must have a ge or gt
     * prefix and the higher value must have an le or lt prefix."
     */
    private static List<DateValue> observationDates(Query query, String name) {
        List<DateValue> dates = dates(query, name);
        if (dates.size() > 2) {
            throw Outcomes.badRequest(IssueType.VALUE, name + " may be provided at most twice");
        }
        Set<String> prefixes = Set.of("eq", "ge", "gt", "le", "lt");
        dates.stream().filter(d -> !prefixes.contains(d.prefix())).findFirst().ifPresent(d -> {
            throw Outcomes.badRequest(IssueType.VALUE, name + " prefix " + d.prefix() + " is not supported");
        });
        if (dates.size() == 2) {
            closedRange(dates, name);
        }
        return dates;
    }

    private Bundle medications(Search search, List<Resource> candidates) {
        Query query = search.query();
        int count = count(query, UNDOCUMENTED_PAGE_SIZE, UNDOCUMENTED_MAX_COUNT, true);
        Stream<Resource> found = candidates.stream();
        for (String value : query.all("status")) {
            List<Token> wanted = Token.list(value);
            found = found.filter(r -> Token.anyMatchesCode(wanted, Elements.code(r, "status")));
        }
        for (String value : query.all("intent")) {
            List<Token> wanted = Token.list(value);
            found = found.filter(r -> Token.anyMatchesCode(wanted, Elements.code(r, "intent")));
        }
        List<DateValue> bounds = dates(query, "-timing-boundsPeriod");
        if (!bounds.isEmpty()) {
            // medication-request.md: "It must be provided with a ge prefix"
            if (bounds.size() > 1
                    || !bounds.get(0).prefix().equals("ge")
                    || !bounds.get(0).prefixGiven()) {
                throw Outcomes.badRequest(
                        IssueType.VALUE, "-timing-boundsPeriod must be provided once with a ge prefix");
            }
            Instant from = bounds.get(0).from();
            found = found.filter(r -> ((MedicationRequest) r)
                    .getDosageInstruction().stream()
                            .map(Dosage::getTiming)
                            .filter(t -> t.getRepeat().hasBoundsPeriod())
                            .map(t -> t.getRepeat().getBoundsPeriod())
                            .anyMatch(
                                    p -> !p.hasEnd() || !p.getEnd().toInstant().isBefore(from)));
        }
        found = lastUpdated(query, found);
        return firstPage(search, newestFirst(found.toList()), count, count, List.of());
    }

    private Bundle orders(Search search, List<Resource> candidates) {
        Query query = search.query();
        int count = count(query, UNDOCUMENTED_PAGE_SIZE, UNDOCUMENTED_MAX_COUNT, true);
        Stream<Resource> found = candidates.stream();
        for (String value : query.all("code")) {
            List<Token> wanted = Token.list(value);
            // service-request.md: "When searching via code, the system must be
            // https://fhir.cerner.com/<EHR source id>/codeSet/200 and should always be provided."
            wanted.stream()
                    .filter(t -> !ORDER_CODES.equals(t.system()))
                    .findFirst()
                    .ifPresent(t -> {
                        throw Outcomes.badRequest(IssueType.VALUE, "code system must be " + ORDER_CODES);
                    });
            found = found.filter(r -> Token.anyMatches(wanted, Elements.codings(r, "code")));
        }
        found = lastUpdated(query, found);
        return firstPage(search, newestFirst(found.toList()), count, count, List.of());
    }

    /**
     * medication-request.md and service-request.md: {@code _lastUpdated} "must include a time, and must be
     * prefixed by ge or le"; once, or twice as ge and le.
     */
    private static Stream<Resource> lastUpdated(Query query, Stream<Resource> found) {
        List<DateValue> updated = dates(query, "_lastUpdated");
        if (updated.isEmpty()) {
            return found;
        }
        boolean valid = updated.size() <= 2
                && updated.stream()
                        .allMatch(d -> d.prefixGiven()
                                && d.hasTime()
                                && Set.of("ge", "le").contains(d.prefix()))
                && (updated.size() == 1
                        || !updated.get(0).prefix().equals(updated.get(1).prefix()));
        if (!valid) {
            throw Outcomes.badRequest(IssueType.VALUE, "_lastUpdated must have a time and a ge or le prefix");
        }
        return found.filter(r -> Elements.dateMatches(Elements.lastUpdated(r), updated));
    }

    private Bundle reports(Search search, List<Resource> candidates) {
        Query query = search.query();
        // diagnostic-report.md: "_count ... Defaults to 10 and a maximum of 100 documents can be returned."
        // Read as a cap: a larger count gets pages of 100.
        int count = count(query, 10, 100, true);
        List<DateValue> dates = dates(query, "date");
        // diagnostic-report.md: "It must be provided once or twice, with or without prefixes. If time is
        // provided, it must be provided consistently."
        if (dates.size() > 2
                || (dates.size() == 2 && dates.get(0).hasTime() != dates.get(1).hasTime())) {
            throw Outcomes.badRequest(
                    IssueType.VALUE, "date must be given once or twice, with time given consistently");
        }
        Stream<Resource> found = candidates.stream();
        for (String value : query.all("category")) {
            List<Token> wanted = Token.list(value);
            found = found.filter(r -> Token.anyMatches(wanted, Elements.codings(r, "category")));
        }
        for (String value : query.all("code")) {
            List<Token> wanted = Token.list(value);
            found = found.filter(r -> Token.anyMatches(wanted, Elements.codings(r, "code")));
        }
        Optional<String> encounter = query.one("encounter");
        if (encounter.isPresent()) {
            List<String> encounters =
                    Token.list(encounter.get()).stream().map(Token::code).toList();
            found = found.filter(
                    r -> Elements.encounterId(r).filter(encounters::contains).isPresent());
        }
        if (!dates.isEmpty()) {
            found = found.filter(r -> Elements.dateMatches(Elements.mainDate(r), dates));
        }
        return firstPage(search, newestFirst(found.toList()), count, count, List.of());
    }

    /** {@code _count}: a positive integer; above {@code max} either lowered to it or refused. */
    private static int count(Query query, int defaultCount, int max, boolean capped) {
        Optional<String> given = query.one("_count");
        if (given.isEmpty()) {
            return defaultCount;
        }
        int count;
        try {
            count = Integer.parseInt(given.get());
        } catch (NumberFormatException e) {
            throw Outcomes.badRequest(IssueType.VALUE, "_count must be a positive integer: " + given.get());
        }
        if (count < 1) {
            throw Outcomes.badRequest(IssueType.VALUE, "_count must be a positive integer: " + given.get());
        }
        if (count > max) {
            if (!capped) {
                throw Outcomes.badRequest(
                        IssueType.VALUE, "_count " + count + " exceeds the maximum supported count of " + max);
            }
            return max;
        }
        return count;
    }

    private static List<DateValue> dates(Query query, String name) {
        List<DateValue> dates = new ArrayList<>();
        for (String value : query.all(name)) {
            dates.add(DateValue.parse(value)
                    .orElseThrow(() -> Outcomes.badRequest(IssueType.VALUE, "Invalid " + name + ": " + value)));
        }
        return dates;
    }

    /** Two values: one lower bound (ge/gt) below one upper bound (le/lt). */
    private static void closedRange(List<DateValue> dates, String name) {
        DateValue lower =
                dates.stream().filter(DateValue::isLowerBound).findFirst().orElse(null);
        DateValue upper =
                dates.stream().filter(DateValue::isUpperBound).findFirst().orElse(null);
        if (lower == null || upper == null || !lower.from().isBefore(upper.to())) {
            throw Outcomes.badRequest(
                    IssueType.VALUE, name + " given twice must form a closed range (ge/gt and le/lt)");
        }
    }
}
