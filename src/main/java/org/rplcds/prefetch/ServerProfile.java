package org.rplcds.prefetch;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What one FHIR server says it supports, read from its CapabilityStatement ({@code [base]/metadata}):
 * its dialect, and for each resource type the search parameters it lists and, where it declares
 * them, the combinations it requires (US Core's {@code capabilitystatement-search-parameter-combination}
 * extension). A server that said nothing is {@link #UNKNOWN}: every parameter is sent and a refusal
 * is recovered from.
 *
 * @param dialect the vendor, where the statement names one
 * @param types what each resource type supports, for the types the statement lists
 * @param read whether a CapabilityStatement was read at all
 */
record ServerProfile(Dialect dialect, Map<String, TypeSupport> types, boolean read) {

    static final ServerProfile UNKNOWN = new ServerProfile(Dialect.GENERIC, Map.of(), false);

    static final String COMBINATION =
            "http://hl7.org/fhir/StructureDefinition/capabilitystatement-search-parameter-combination";
    static final String EXPECTATION = "http://hl7.org/fhir/StructureDefinition/capabilitystatement-expectation";

    /**
     * The search support of one resource type.
     *
     * @param parameters the search parameters the statement lists; empty when it lists none, in
     *     which case nothing is known and nothing is left out
     * @param searches the parameter sets a search must be one of, when the statement declares
     *     combinations: each SHALL combination and each SHALL parameter alone; empty when it
     *     declares none
     */
    record TypeSupport(Set<String> parameters, List<Set<String>> searches) {

        TypeSupport {
            parameters = Set.copyOf(parameters);
            searches = searches.stream().map(Set::copyOf).toList();
        }
    }

    ServerProfile {
        types = Map.copyOf(types);
    }

    Optional<TypeSupport> support(String type) {
        return Optional.ofNullable(types.get(type));
    }

    /**
     * Whether the server may be sent this search parameter for the type: a listed one, or any
     * where the statement lists none for the type (or was not read). Result parameters such as
     * {@code _count} are the dialect's business, not the list's.
     */
    boolean lists(String type, String parameter) {
        return support(type)
                .map(s -> s.parameters().isEmpty() || s.parameters().contains(parameter))
                .orElse(true);
    }

    /** A profile read from a CapabilityStatement; one that is not one gives {@link #UNKNOWN}. */
    static ServerProfile of(JsonNode statement) {
        if (statement == null
                || !"CapabilityStatement".equals(statement.path("resourceType").asText())) {
            return UNKNOWN;
        }
        Map<String, TypeSupport> types = new HashMap<>();
        for (JsonNode rest : statement.path("rest")) {
            if (!"server".equals(rest.path("mode").asText("server"))) {
                continue;
            }
            for (JsonNode resource : rest.path("resource")) {
                String type = resource.path("type").asText();
                if (type.isEmpty()) {
                    continue;
                }
                Set<String> parameters = new LinkedHashSet<>();
                List<Set<String>> searches = new ArrayList<>();
                for (JsonNode parameter : resource.path("searchParam")) {
                    String name = parameter.path("name").asText();
                    if (!name.isEmpty()) {
                        parameters.add(name);
                        if (shall(parameter)) {
                            searches.add(Set.of(name));
                        }
                    }
                }
                boolean combined = false;
                for (JsonNode extension : resource.path("extension")) {
                    if (!COMBINATION.equals(extension.path("url").asText())) {
                        continue;
                    }
                    combined = true;
                    if (!shall(extension)) {
                        continue;
                    }
                    Set<String> required = new HashSet<>();
                    for (JsonNode part : extension.path("extension")) {
                        if ("required".equals(part.path("url").asText())) {
                            required.add(part.path("valueString").asText());
                        }
                    }
                    if (!required.isEmpty()) {
                        searches.add(required);
                    }
                }
                types.put(type, new TypeSupport(parameters, combined ? searches : List.of()));
            }
        }
        return new ServerProfile(Dialect.of(statement), types, true);
    }

    /** Marked SHALL, or not marked at all (a statement that marks nothing asks for everything it lists). */
    private static boolean shall(JsonNode element) {
        for (JsonNode extension : element.path("extension")) {
            if (EXPECTATION.equals(extension.path("url").asText())) {
                return "SHALL".equals(extension.path("valueCode").asText().toUpperCase(Locale.ROOT));
            }
        }
        return true;
    }
}
