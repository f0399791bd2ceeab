package org.rplcds.prefetch;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns a prefetch template's search into the searches one FHIR server answers whole, from what
 * its CapabilityStatement lists and its vendor documents ({@link ServerProfile}, {@link Dialect}),
 * and recovers from a refusal by what the server said was wrong.
 *
 * <p>A filter is only ever left out, never made up: a search without its {@code code} filter
 * answers more, never less. A value added to satisfy a server is one that every resource of the
 * type has ({@code intent} of a MedicationRequest) or that undoes a filter the server applies by
 * default ({@code clinical-status} on Epic); where a server demands one of a set of filters the
 * search has none of ({@code category} of an Observation), the search is made once for each of
 * its values.
 */
final class SearchPlanner {

    /** Parameters that shape the answer rather than select resources: never part of a combination. */
    private static final Set<String> RESULT_PARAMETERS =
            Set.of("_count", "_sort", "_include", "_revinclude", "_summary", "_elements", "_total", "_format");

    /**
     * Search parameters whose every value together selects every resource of the type: the
     * element is required (FHIR R4 MedicationRequest.intent and .status, ServiceRequest.intent and
     * .status are 1..1), so naming all of them loses nothing.
     */
    private static final Map<String, Map<String, List<String>>> WHOLE_VALUES = Map.of(
            "MedicationRequest",
                    Map.of(
                            "intent",
                            Dialect.INTENTS,
                            "status",
                            List.of(
                                    "active",
                                    "on-hold",
                                    "cancelled",
                                    "completed",
                                    "entered-in-error",
                                    "stopped",
                                    "draft",
                                    "unknown")),
            "ServiceRequest",
                    Map.of(
                            "intent",
                            Dialect.INTENTS,
                            "status",
                            List.of(
                                    "draft",
                                    "active",
                                    "on-hold",
                                    "revoked",
                                    "completed",
                                    "entered-in-error",
                                    "unknown")));

    private SearchPlanner() {}

    /**
     * Codes of measurements taken at every visit (body weight, value set {@code body-weight}): a
     * chart holds hundreds, whose pages would make one search of every code long. They are searched
     * apart, alongside the other codes.
     */
    static final Set<String> APART = Set.of("29463-7");

    /** The searches that together answer what {@code template} asks of this server. */
    static List<SearchQuery> plan(SearchQuery template, ServerProfile server) {
        List<SearchQuery> planned = new ArrayList<>();
        for (SearchQuery query : planWhole(template, server)) {
            planned.addAll(apart(query));
        }
        return planned;
    }

    /** The search in two when it lists codes of {@link #APART} among others: those, and the rest. */
    static List<SearchQuery> apart(SearchQuery query) {
        List<String> codes = query.values("code");
        List<String> frequent = codes.stream().filter(SearchPlanner::frequent).toList();
        if (frequent.isEmpty() || frequent.size() == codes.size()) {
            return List.of(query);
        }
        List<String> rest = codes.stream().filter(code -> !frequent(code)).toList();
        return List.of(query.with("code", rest), query.with("code", frequent));
    }

    private static boolean frequent(String code) {
        return APART.contains(code.substring(code.indexOf('|') + 1));
    }

    private static List<SearchQuery> planWhole(SearchQuery template, ServerProfile server) {
        String type = template.type();
        Dialect dialect = server.dialect();
        SearchQuery query = template;
        // Parameters the server does not take: a search without a filter answers more, not less.
        for (SearchQuery.Parameter parameter : template.parameters()) {
            String name = parameter.base();
            if (RESULT_PARAMETERS.contains(name) || isPatient(name)) {
                continue;
            }
            boolean listed = dialect.documentedParameters(type)
                    .map(documented -> documented.contains(name))
                    .orElse(true);
            if (!listed || !server.lists(type, name)) {
                query = query.without(name);
            }
        }
        query = count(query, dialect, server);
        for (Map.Entry<String, List<String>> filter : dialect.defaultFilters(type)) {
            if (!query.has(filter.getKey())) {
                query = query.with(filter.getKey(), filter.getValue());
            }
        }
        Optional<List<Set<String>>> searches =
                server.support(type).map(ServerProfile.TypeSupport::searches).filter(s -> !s.isEmpty());
        if (searches.isPresent()) {
            query = combination(query, searches.get());
        }
        List<String> oneOf = dialect.oneOfRequired(type);
        if (!oneOf.isEmpty() && oneOf.stream().noneMatch(query::has) && oneOf.contains("category")) {
            return byCategory(query);
        }
        if (searches.isPresent() && needsCategory(query, searches.get())) {
            return byCategory(query);
        }
        if (dialect.readsInDateSlices(type) && !query.has("date")) {
            return byDate(query, LocalDate.now(ZoneOffset.UTC));
        }
        return List.of(query);
    }

    /**
     * Years before today at which a search is cut into slices read at the same time: a chart's
     * procedures crowd into its recent years, so the slices narrow towards today.
     */
    private static final int[] SLICE_YEARS = {30, 20, 12, 8, 5, 3, 2, 1};

    /** The search once for each date slice, the oldest open at its start and the newest at its end. */
    static List<SearchQuery> byDate(SearchQuery query, LocalDate today) {
        List<SearchQuery> slices = new ArrayList<>();
        String previous = null;
        for (int years : SLICE_YEARS) {
            String cut = today.minusYears(years).withDayOfYear(1) + "T00:00:00Z";
            slices.add(
                    previous == null
                            ? query.and("date", "lt" + cut)
                            : query.and("date", "ge" + previous).and("date", "lt" + cut));
            previous = cut;
        }
        slices.add(query.and("date", "ge" + previous));
        return slices;
    }

    /**
     * The searches to make instead of one a server refused, from what it said (an
     * OperationOutcome's text): empty when the refusal names nothing that can be changed.
     */
    static List<SearchQuery> recover(SearchQuery refused, String said, ServerProfile server) {
        String text = said == null ? "" : said.toLowerCase(Locale.ROOT);
        String type = refused.type();
        boolean demandsCategory = text.contains("category")
                && (text.contains("must") || text.contains("required") || text.contains("either"))
                && !refused.has("category");
        if (demandsCategory && !refused.has("code") && "Observation".equals(type)) {
            return byCategory(refused);
        }
        for (SearchQuery.Parameter parameter : refused.parameters()) {
            String name = parameter.base();
            if (!isPatient(name) && names(text, parameter.name())) {
                return List.of(refused.without(name));
            }
        }
        Map<String, List<String>> whole = WHOLE_VALUES.getOrDefault(type, Map.of());
        for (var wanted : whole.entrySet()) {
            if (!refused.has(wanted.getKey()) && names(text, wanted.getKey())) {
                return List.of(refused.with(wanted.getKey(), wanted.getValue()));
            }
        }
        if (refused.has("code")) {
            // A refusal that names nothing: the code filter is the one part of the search a
            // server may not know, and the search without it answers more, never less.
            return List.of(refused.without("code"));
        }
        if (refused.has("_count")) {
            return List.of(refused.without("_count"));
        }
        return List.of();
    }

    private static boolean isPatient(String name) {
        return name.equals("patient") || name.equals("subject") || name.equals("_id");
    }

    /** Whether the text names the parameter as a word of its own. */
    private static boolean names(String text, String parameter) {
        return Pattern.compile(
                        "(?<![a-z0-9_:.-])" + Pattern.quote(parameter.toLowerCase(Locale.ROOT)) + "(?![a-z0-9_-])")
                .matcher(text)
                .find();
    }

    private static SearchQuery count(SearchQuery query, Dialect dialect, ServerProfile server) {
        if (!query.has("_count")) {
            OptionalInt size = dialect.pageSize(query.type());
            return size.isPresent() ? query.with("_count", List.of(String.valueOf(size.getAsInt()))) : query;
        }
        OptionalInt max = dialect.maxCount(query.type());
        if (max.isEmpty()) {
            return query;
        }
        if (max.getAsInt() == 0) {
            return query.without("_count");
        }
        int asked;
        try {
            asked = Integer.parseInt(query.value("_count").orElse(""));
        } catch (NumberFormatException e) {
            return query.without("_count");
        }
        return asked > max.getAsInt() ? query.with("_count", List.of(String.valueOf(max.getAsInt()))) : query;
    }

    /**
     * The query made one of the server's declared searches: the one that keeps most of its
     * filters, with whole-value parameters added and filters it does not take left out.
     */
    private static SearchQuery combination(SearchQuery query, List<Set<String>> searches) {
        Set<String> named = searchParameters(query);
        if (searches.contains(named)) {
            return query;
        }
        Map<String, List<String>> whole = WHOLE_VALUES.getOrDefault(query.type(), Map.of());
        Optional<Set<String>> best = searches.stream()
                .filter(search -> search.stream().anyMatch(SearchPlanner::isPatient))
                .filter(search -> search.stream()
                        .allMatch(p -> named.contains(p) || whole.containsKey(p) || p.equals("category")))
                .max(Comparator.comparingInt((Set<String> search) -> kept(search, named))
                        .thenComparingInt(search -> search.contains("category") ? -1 : 0)
                        .thenComparingInt(search -> -search.size()));
        if (best.isEmpty()) {
            return query;
        }
        SearchQuery planned = query;
        for (String name : named) {
            if (!best.get().contains(name)) {
                planned = planned.without(name);
            }
        }
        for (String name : best.get()) {
            if (!named.contains(name) && whole.containsKey(name)) {
                planned = planned.with(name, whole.get(name));
            }
        }
        return planned;
    }

    private static int kept(Set<String> search, Set<String> named) {
        int kept = 0;
        for (String name : search) {
            if (named.contains(name)) {
                kept++;
            }
        }
        return kept;
    }

    private static boolean needsCategory(SearchQuery query, List<Set<String>> searches) {
        Set<String> named = searchParameters(query);
        return !named.contains("category")
                && !searches.contains(named)
                && query.type().equals("Observation");
    }

    private static Set<String> searchParameters(SearchQuery query) {
        Set<String> named = new HashSet<>();
        for (SearchQuery.Parameter parameter : query.parameters()) {
            if (!RESULT_PARAMETERS.contains(parameter.base())) {
                named.add(parameter.base());
            }
        }
        return named;
    }

    /** The search once for each Observation category: what a server that demands a category answers. */
    private static List<SearchQuery> byCategory(SearchQuery query) {
        List<SearchQuery> searches = new ArrayList<>();
        for (String category : Dialect.OBSERVATION_CATEGORIES) {
            searches.add(query.with("category", List.of(category)));
        }
        return searches;
    }
}
