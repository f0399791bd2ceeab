package org.rplcds.support.ehr;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
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
import org.hl7.fhir.r4.model.Enumerations.SearchParamType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Resource;

/**
 * Epic on FHIR R4, as far as its public documents reach. Sources, in the comments below:
 * <ul>
 *   <li>ERRORS: the "FHIR Error Codes" table on every fhir.epic.com Specifications page, e.g.
 *       https://fhir.epic.com/Specifications?api=1048 (codes 4100-4135, 59100-59189).
 *   <li>CONDITION: Epic's Condition.Search R4 request elements, as mirrored at
 *       https://docs.nerve.run/functions/condition-search ("If no status is specified all active
 *       (confirmed) conditions will be returned"; "Multiple category values are allowed"; post-filter
 *       {@code code} "starting in the May 2024 version of Epic").
 *   <li>OBSERVATION: 400 with diagnostics "Must have either code or category." and issue code
 *       {@code required}, as Epic's sandbox answers it (recorded in
 *       https://github.com/jwilleke/yourphr/issues/754 and in the ERRORS table, code 59108, whose
 *       example is an Observation search with neither).
 * </ul>
 * The Specifications pages' parameter tables themselves were not reachable; where a parameter list
 * below is not backed by one of these, the comment says it is chosen.
 */
final class EpicRules extends Rules {

    /** Epic's error code system, as its OperationOutcomes carry it (instance OIDs vary in the middle). */
    static final String ERROR_SYSTEM = "urn:oid:1.2.840.114350.1.13.0.1.7.2.657369";

    // CONDITION: problem-list-item, encounter-diagnosis and health-concern each have an Epic Condition.Search API.
    private static final Set<String> CONDITION_CATEGORIES =
            Set.of("problem-list-item", "encounter-diagnosis", "health-concern");

    // CONDITION: "FHIR Status: active, resolved, inactive ... Any FHIR Status not listed in the above table
    // is not returned."
    private static final Set<String> CONDITION_STATUSES = Set.of("active", "inactive", "resolved");

    /**
     * ERRORS 59111: an Observation search whose category is not a category Epic knows is refused.
     * The set is FHIR's observation-category codes plus those Epic answers for (core-characteristics,
     * functional-status, smartdata, lda, obstetrics); chosen, not copied from a list.
     */
    private static final Set<String> OBSERVATION_CATEGORIES = Set.of(
            "social-history",
            "vital-signs",
            "imaging",
            "laboratory",
            "procedure",
            "survey",
            "exam",
            "therapy",
            "activity",
            "core-characteristics",
            "functional-status",
            "smartdata",
            "lda",
            "obstetrics");

    /** ERRORS 59101: a MedicationRequest category Epic does not know is ignored with a warning. */
    private static final Set<String> MEDICATION_CATEGORIES =
            Set.of("inpatient", "outpatient", "community", "discharge");

    /**
     * Page size when the request names no {@code _count}: not documented; ERRORS 59133 and 4127 mark
     * searches that "exceed 100 results", so 100 is taken as Epic's page.
     */
    static final int DEFAULT_PAGE_SIZE = 100;

    EpicRules(Chart chart) {
        super(chart);
    }

    @Override
    String rootPath() {
        // Epic's R4 endpoints end in /api/FHIR/R4/ (ERRORS examples: /api/FHIR/R4/Observation?...)
        return "api/FHIR/R4/";
    }

    @Override
    Map<String, List<Param>> searchParams() {
        Param patient = new Param("patient", SearchParamType.REFERENCE, "Reference to a patient resource");
        Param subject = new Param("subject", SearchParamType.REFERENCE, "Reference to a patient resource");
        Param count =
                new Param("_count", SearchParamType.NUMBER, "Results per page; chosen default " + DEFAULT_PAGE_SIZE);
        Map<String, List<Param>> params = new LinkedHashMap<>();
        params.put(
                "Condition",
                List.of(
                        patient,
                        subject,
                        new Param(
                                "category",
                                SearchParamType.TOKEN,
                                "problem-list-item, encounter-diagnosis, health-concern; several allowed. None given: problem-list-item"),
                        new Param(
                                "clinical-status",
                                SearchParamType.TOKEN,
                                "active, resolved, inactive. If no status is specified all active (confirmed) conditions will be returned"),
                        new Param("encounter", SearchParamType.REFERENCE, "Associated encounter"),
                        new Param("code", SearchParamType.TOKEN, "Post-filter (May 2024 and later)"),
                        count));
        params.put(
                "Observation",
                List.of(
                        patient,
                        subject,
                        new Param("category", SearchParamType.TOKEN, "Either code or category is required"),
                        new Param("code", SearchParamType.TOKEN, "Either code or category is required"),
                        new Param("date", SearchParamType.DATE, "effective[x]"),
                        count));
        params.put(
                "MedicationRequest",
                List.of(
                        patient,
                        subject,
                        new Param("status", SearchParamType.TOKEN, "MedicationRequest.status"),
                        new Param("intent", SearchParamType.TOKEN, "MedicationRequest.intent"),
                        new Param("category", SearchParamType.TOKEN, "Unknown values are ignored with a warning"),
                        count));
        params.put(
                "ServiceRequest",
                List.of(
                        patient,
                        subject,
                        new Param("category", SearchParamType.TOKEN, "ServiceRequest.category"),
                        new Param("code", SearchParamType.TOKEN, "ServiceRequest.code"),
                        new Param("status", SearchParamType.TOKEN, "ServiceRequest.status"),
                        count));
        params.put(
                "Procedure",
                List.of(
                        patient,
                        subject,
                        new Param("date", SearchParamType.DATE, "performed[x]"),
                        new Param("status", SearchParamType.TOKEN, "Procedure.status"),
                        count));
        params.put(
                "DiagnosticReport",
                List.of(
                        patient,
                        subject,
                        new Param("category", SearchParamType.TOKEN, "DiagnosticReport.category"),
                        new Param("code", SearchParamType.TOKEN, "DiagnosticReport.code"),
                        new Param("date", SearchParamType.DATE, "effective[x]"),
                        count));
        return params;
    }

    @Override
    void identify(CapabilityStatement statement, String base) {
        // Not found in a stored document: Epic's live /metadata is where these come from. publisher and
        // software.name "Epic" are how Epic's R4 endpoints identify themselves; treat them as unconfirmed.
        statement.setPublisher("Epic");
        statement.getSoftware().setName("Epic");
        statement.getImplementation().setDescription("Epic on FHIR R4");
        statement.setUrl(base + "metadata");
    }

    @Override
    boolean includesTotal() {
        // Epic searchsets carry total (the Condition.Search response example: "total": 1).
        return true;
    }

    @Override
    String pageTokenParam() {
        // ERRORS 4113: "Session ID for cached search results has expired" - Epic pages from a cached
        // search named by a session id. The link's exact shape is chosen.
        return "sessionID";
    }

    @Override
    String nextLink(String base, String type, Query original, String token) {
        String kept = original.without("sessionID").encoded();
        return base + type + "?" + (kept.isEmpty() ? "" : kept + "&") + "sessionID=" + token;
    }

    @Override
    BaseServerResponseException unknownPage(String token) {
        return fatal(400, IssueType.EXPIRED, "4113", "Session ID for cached search results has expired.", null);
    }

    /** An Epic OperationOutcome issue: Epic's error code in details.coding, its text as details.text. */
    static OperationOutcome outcome(
            IssueSeverity severity, IssueType type, String code, String display, String diagnostics) {
        OperationOutcome outcome = Outcomes.issue(severity, type, display, diagnostics);
        outcome.getIssueFirstRep()
                .getDetails()
                .addCoding()
                .setSystem(ERROR_SYSTEM)
                .setCode(code)
                .setDisplay(display);
        return outcome;
    }

    private static BaseServerResponseException fatal(
            int status, IssueType type, String code, String display, String diagnostics) {
        return Outcomes.refuse(status, outcome(IssueSeverity.FATAL, type, code, display, diagnostics));
    }

    @Override
    Bundle search(Search search) {
        if (search.post()) {
            // POST [type]/_search is not in the Epic documents reached; the stricter reading refuses it
            throw Outcomes.refuse(
                    405,
                    Outcomes.issue(IssueSeverity.ERROR, IssueType.NOTSUPPORTED, null, "POST search is not supported"));
        }
        Optional<Bundle> next = continuation(search);
        if (next.isPresent()) {
            return next.get();
        }
        Query query = search.query();
        if (query.names().isEmpty()) {
            throw fatal(400, IssueType.REQUIRED, "4110", "No parameters are provided in the search request", null);
        }
        if (!SEARCHED.contains(search.type())) {
            throw fatal(
                    400, IssueType.NOTSUPPORTED, "4100", "The resource request contained an invalid parameter", null);
        }
        List<OperationOutcome> warnings = new ArrayList<>();
        // ERRORS 4122 (Warning): "An unknown query parameter was supplied by the client" - "A request with
        // parameter zzzzzz on any resource"; 59100 (Information): the parameter is ignored. The search runs
        // without it: a filter the client thinks it applied is silently not applied.
        for (String name : query.names()) {
            if (!accepts(search.type(), name)) {
                warnings.add(outcome(
                        IssueSeverity.WARNING,
                        IssueType.INFORMATIONAL,
                        "4122",
                        "An unknown query parameter was supplied by the client",
                        "Parameter " + name + " was ignored."));
                query = query.without(name);
            }
        }
        String patient = patient(query);
        int count = count(query);
        List<Resource> candidates = chart.of(search.type(), patient);
        List<Resource> matches =
                switch (search.type()) {
                    case "Condition" -> conditions(query, candidates);
                    case "Observation" -> observations(query, candidates);
                    case "MedicationRequest" -> medications(query, candidates, warnings);
                    default -> others(query, candidates);
                };
        if (matches.isEmpty()) {
            // ERRORS 4101 (Warning): "Resource request returns no results", as an outcome entry
            warnings.add(outcome(
                    IssueSeverity.WARNING, IssueType.PROCESSING, "4101", "Resource request returns no results.", null));
        }
        return firstPage(search, newestFirst(matches), count, count, warnings);
    }

    private static String patient(Query query) {
        Optional<String> given = query.one("patient").or(() -> query.one("subject"));
        if (given.isEmpty()) {
            // ERRORS 4111: "Required search parameter missing from request"
            throw fatal(400, IssueType.REQUIRED, "4111", "Required search parameter missing from request", "patient");
        }
        String value = given.get();
        return value.startsWith("Patient/") ? value.substring("Patient/".length()) : value;
    }

    private static int count(Query query) {
        Optional<String> given = query.one("_count");
        if (given.isEmpty()) {
            return DEFAULT_PAGE_SIZE;
        }
        try {
            int count = Integer.parseInt(given.get());
            if (count > 0) {
                return count;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw fatal(400, IssueType.VALUE, "4100", "The resource request contained an invalid parameter", "_count");
    }

    private List<Resource> conditions(Query query, List<Resource> candidates) {
        List<Token> categories =
                query.one("category").map(Token::list).orElse(List.of(new Token(null, "problem-list-item")));
        categories.stream()
                .filter(t -> !CONDITION_CATEGORIES.contains(t.code()))
                .findFirst()
                .ifPresent(t -> {
                    // ERRORS 4115: "Required search parameter has an invalid value" -
                    // "Condition?Patient=[ID]&category=foo"
                    throw fatal(
                            400,
                            IssueType.VALUE,
                            "4115",
                            "Required search parameter has an invalid value",
                            "category " + t.code());
                });
        // CONDITION: "If no status is specified all active (confirmed) conditions will be returned."
        List<Token> statuses = query.one("clinical-status").map(Token::list).orElse(List.of(new Token(null, "active")));
        Stream<Condition> found = candidates.stream()
                .map(Condition.class::cast)
                .filter(c -> CONDITION_STATUSES.contains(Elements.clinicalStatus(c)))
                .filter(c -> Token.anyMatchesCode(statuses, Elements.clinicalStatus(c)))
                // Epic splits Conditions into one API per category; a search without category is taken as
                // the Problems API's (problem-list-item). Not stated in a document reached: the stricter
                // plausible reading, under which encounter diagnoses need category=encounter-diagnosis.
                .filter(c -> Token.anyMatches(categories, Elements.codings(c, "category")));
        Optional<String> encounter = query.one("encounter");
        if (encounter.isPresent()) {
            List<String> encounters = Token.list(encounter.get()).stream()
                    .map(t -> t.code().startsWith("Encounter/") ? t.code().substring("Encounter/".length()) : t.code())
                    .toList();
            found = found.filter(
                    c -> Elements.encounterId(c).filter(encounters::contains).isPresent());
        }
        for (String value : query.all("code")) {
            List<Token> wanted = Token.list(value);
            found = found.filter(c -> Token.anyMatches(wanted, Elements.codings(c, "code")));
        }
        return found.map(Resource.class::cast).toList();
    }

    private List<Resource> observations(Query query, List<Resource> candidates) {
        if (!query.has("code") && !query.has("category")) {
            // OBSERVATION and ERRORS 59108 ("Required {element name} missing")
            throw Outcomes.refuse(
                    400,
                    outcome(
                            IssueSeverity.FATAL,
                            IssueType.REQUIRED,
                            "59108",
                            "A required element is missing.",
                            "Must have either code or category."));
        }
        Stream<Resource> found = candidates.stream();
        for (String value : query.all("category")) {
            List<Token> wanted = Token.list(value);
            wanted.stream()
                    .filter(t -> !OBSERVATION_CATEGORIES.contains(t.code()))
                    .findFirst()
                    .ifPresent(t -> {
                        // ERRORS 59111: "Required category invalid" - "Observation?patient=...&category=labresults"
                        throw fatal(400, IssueType.VALUE, "59111", "Required category invalid: " + t.code(), null);
                    });
            found = found.filter(r -> Token.anyMatches(wanted, Elements.codings(r, "category")));
        }
        for (String value : query.all("code")) {
            List<Token> wanted = Token.list(value);
            // Observation.code only; whether Epic also matches component codes is not documented
            found = found.filter(r -> Token.anyMatches(wanted, Elements.codings(r, "code")));
        }
        return dated(query, found).toList();
    }

    private List<Resource> medications(Query query, List<Resource> candidates, List<OperationOutcome> warnings) {
        Stream<Resource> found = tokens(query, candidates.stream(), "status", "intent");
        for (String value : query.all("category")) {
            List<Token> wanted = new ArrayList<>();
            for (Token token : Token.list(value)) {
                if (MEDICATION_CATEGORIES.contains(token.code())) {
                    wanted.add(token);
                } else {
                    // ERRORS 59101 (Warning): "category=homemeds where homemeds is an unknown category value"
                    warnings.add(outcome(
                            IssueSeverity.WARNING,
                            IssueType.VALUE,
                            "59101",
                            "Content invalid against the specification or a profile.",
                            "Unknown category " + token.code() + " was ignored."));
                }
            }
            if (!wanted.isEmpty()) {
                found = found.filter(r -> Token.anyMatches(wanted, Elements.codings(r, "category")));
            }
        }
        return found.toList();
    }

    private List<Resource> others(Query query, List<Resource> candidates) {
        Stream<Resource> found = tokens(query, candidates.stream(), "status");
        for (String name : List.of("category", "code")) {
            for (String value : query.all(name)) {
                List<Token> wanted = Token.list(value);
                found = found.filter(r -> Token.anyMatches(wanted, Elements.codings(r, name)));
            }
        }
        return dated(query, found).toList();
    }

    private static Stream<Resource> tokens(Query query, Stream<Resource> found, String... codeElements) {
        for (String name : codeElements) {
            for (String value : query.all(name)) {
                List<Token> wanted = Token.list(value);
                found = found.filter(r -> Token.anyMatchesCode(wanted, Elements.code(r, name)));
            }
        }
        return found;
    }

    private static Stream<Resource> dated(Query query, Stream<Resource> found) {
        List<DateValue> dates = new ArrayList<>();
        for (String value : query.all("date")) {
            dates.add(DateValue.parse(value)
                    .orElseThrow(() -> fatal(
                            400,
                            IssueType.VALUE,
                            "4100",
                            "The resource request contained an invalid parameter",
                            "date " + value)));
        }
        return dates.isEmpty() ? found : found.filter(r -> Elements.dateMatches(Elements.mainDate(r), dates));
    }
}
