package org.rplcds.prefetch;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * What an EHR vendor's FHIR R4 API does that its CapabilityStatement does not say, as the vendor
 * documents it. A server is of a dialect when its CapabilityStatement names the vendor as
 * publisher or software; any other is {@link #GENERIC}, read as FHIR R4 and its own statement
 * have it.
 */
enum Dialect {

    /** Any server: FHIR R4 search as its CapabilityStatement lists it. */
    GENERIC,

    /**
     * Epic. Conditions: a search that names no {@code clinical-status} answers active Conditions
     * only (Epic's Condition.Search (Problems, Encounter Diagnosis) R4 specifications, fhir.epic.com);
     * Observations: a search with neither {@code code} nor {@code category} is refused, "Must have
     * either code or category." (Observation.Search R4 specifications, fhir.epic.com).
     */
    EPIC,

    /**
     * Oracle Health (Cerner Millennium R4). Each resource type accepts its documented parameters
     * only and refuses others; {@code _count} is accepted where documented, up to a maximum
     * (fhir.cerner.com, Millennium R4: Condition, Procedure, Observation, DiagnosticReport,
     * MedicationRequest, ServiceRequest; repository cerner/fhir.cerner.com,
     * content/millennium/r4/).
     */
    ORACLE_HEALTH;

    /** Every Condition clinical status (FHIR R4 condition-clinical). */
    static final List<String> CLINICAL_STATUSES =
            List.of("active", "recurrence", "relapse", "inactive", "remission", "resolved");

    /** Every MedicationRequest intent (FHIR R4 medicationrequest-intent): {@code intent} is required. */
    static final List<String> INTENTS = List.of(
            "proposal", "plan", "order", "original-order", "reflex-order", "filler-order", "instance-order", "option");

    /** The Observation categories of FHIR R4 (observation-category), for a server that demands one. */
    static final List<String> OBSERVATION_CATEGORIES = List.of(
            "laboratory",
            "vital-signs",
            "social-history",
            "exam",
            "survey",
            "imaging",
            "procedure",
            "therapy",
            "activity");

    /**
     * Oracle Health's documented search parameters per type, used where its statement lists none
     * (fhir.cerner.com, Millennium R4, each resource's "Search" section).
     */
    private static final Map<String, Set<String>> ORACLE_PARAMETERS = Map.of(
            "Condition", Set.of("_id", "patient", "clinical-status", "category", "encounter", "_lastUpdated"),
            "Procedure", Set.of("_id", "patient", "subject", "date", "_revinclude"),
            "MedicationRequest", Set.of("_id", "patient", "intent", "status", "_lastUpdated", "_count", "_timeline"),
            "Observation",
                    Set.of(
                            "_id",
                            "patient",
                            "subject",
                            "category",
                            "code",
                            "date",
                            "_lastUpdated",
                            "_count",
                            "_revinclude"),
            "DiagnosticReport",
                    Set.of(
                            "_id",
                            "patient",
                            "subject",
                            "encounter",
                            "category",
                            "code",
                            "date",
                            "_lastUpdated",
                            "_count"),
            "ServiceRequest", Set.of("_id", "patient", "encounter", "intent", "status", "_lastUpdated", "_count"));

    /** Oracle Health's documented {@code _count} maxima. */
    private static final Map<String, Integer> ORACLE_MAX_COUNT = Map.of(
            "Observation", 200,
            "DiagnosticReport", 100,
            "MedicationRequest", 100,
            "ServiceRequest", 100);

    static Dialect of(JsonNode statement) {
        String said = String.join(
                        " ",
                        statement.path("publisher").asText(),
                        statement.path("software").path("name").asText(),
                        statement.path("name").asText(),
                        statement.path("implementation").path("description").asText())
                .toLowerCase(Locale.ROOT);
        if (said.matches(".*\\bepic\\b.*")) {
            return EPIC;
        }
        if (said.contains("cerner") || said.contains("oracle health") || said.contains("millennium")) {
            return ORACLE_HEALTH;
        }
        return GENERIC;
    }

    /** The parameters the vendor documents for the type, where it refuses any other. */
    Optional<Set<String>> documentedParameters(String type) {
        return this == ORACLE_HEALTH ? Optional.ofNullable(ORACLE_PARAMETERS.get(type)) : Optional.empty();
    }

    /**
     * The largest {@code _count} the server takes for the type: empty when any is taken (the
     * server caps it itself), 0 when {@code _count} is refused.
     */
    OptionalInt maxCount(String type) {
        if (this != ORACLE_HEALTH) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(ORACLE_MAX_COUNT.getOrDefault(type, 0));
    }

    /**
     * The page size asked for where a search names none: as many as a server gives, in as few
     * pages, where the vendor takes {@code _count}; a server asked for more gives its own maximum
     * (FHIR R4 search, {@code _count}).
     */
    OptionalInt pageSize(String type) {
        OptionalInt max = maxCount(type);
        if (max.isEmpty()) {
            return OptionalInt.of(DEFAULT_PAGE_SIZE);
        }
        return max.getAsInt() == 0 ? OptionalInt.empty() : max;
    }

    /** The page size asked of a server that documents no maximum. */
    static final int DEFAULT_PAGE_SIZE = 1000;

    /**
     * Filters the server applies unless the search names them, and the values that undo each:
     * Epic answers a Condition search active Conditions of the problem list only, unless it names
     * statuses ("If no status is specified all active (confirmed) conditions will be returned",
     * Condition.Search R4) and categories (one Condition API per category: problems, encounter
     * diagnoses, health concerns; "Multiple category values are allowed").
     */
    List<Map.Entry<String, List<String>>> defaultFilters(String type) {
        if (this == EPIC && "Condition".equals(type)) {
            return List.of(
                    Map.entry("clinical-status", CLINICAL_STATUSES), Map.entry("category", EPIC_CONDITION_CATEGORIES));
        }
        return List.of();
    }

    /** The Condition categories Epic answers, each through its own Condition.Search API. */
    static final List<String> EPIC_CONDITION_CATEGORIES =
            List.of("problem-list-item", "encounter-diagnosis", "health-concern");

    /**
     * Why what a client sent for a template is read again from a server of this dialect, if it
     * is: the server answers the template in part (a filter it applies by default), or the rest
     * of a first page would come a few dozen a page where slices read at once are sooner.
     */
    Optional<String> rereads(SearchQuery template, boolean firstPageOnly) {
        if (defaultFilters(template.type()).stream().anyMatch(filter -> !template.has(filter.getKey()))) {
            return Optional.of("answered-in-part");
        }
        if (firstPageOnly && readsInDateSlices(template.type())) {
            return Optional.of("read-in-slices");
        }
        if (firstPageOnly && SearchPlanner.apart(template).size() > 1) {
            // The rest of one long search page after page, or two shorter ones at once: body weight apart.
            return Optional.of("read-apart");
        }
        return Optional.empty();
    }

    /** Whether a server of some dialect reads again what a client sent for the template. */
    static boolean anyRereads(SearchQuery template, boolean firstPageOnly) {
        for (Dialect dialect : values()) {
            if (dialect.rereads(template, firstPageOnly).isPresent()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a search of the type is read in date slices at once rather than page after page:
     * where the server takes no {@code _count} and pages a few dozen results at a time (Oracle
     * Health's Procedure search: no {@code _count}; {@code date} with a prefix and a time, once, or
     * twice for a closed range, fhir.cerner.com Millennium R4 Procedure). A completed or
     * in-progress Procedure, the only ones the rules read, has a performed date (US Core
     * us-core-7), so the slices together hold every one of them.
     */
    boolean readsInDateSlices(String type) {
        return this == ORACLE_HEALTH && "Procedure".equals(type);
    }

    /** Parameters of which a search of the type must name one, or the server refuses it. */
    List<String> oneOfRequired(String type) {
        return this == EPIC && "Observation".equals(type) ? List.of("code", "category") : List.of();
    }
}
