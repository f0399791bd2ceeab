package org.rplcds.support.ehr;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The parameters of one search request as the client sent them: names keep their modifiers
 * ({@code subject:Patient}), a name given twice keeps both values, in order.
 */
final class Query {

    private final Map<String, List<String>> values;

    private Query(Map<String, List<String>> values) {
        this.values = values;
    }

    static Query of(Map<String, String[]> parameters) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        parameters.forEach((name, given) -> values.put(name, List.of(given)));
        return new Query(values);
    }

    /** Names as sent, with modifiers. */
    Set<String> names() {
        return values.keySet();
    }

    /** Names without modifiers. */
    Set<String> baseNames() {
        return values.keySet().stream().map(Query::base).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    static String base(String name) {
        int colon = name.indexOf(':');
        return colon < 0 ? name : name.substring(0, colon);
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    /** Every value given for {@code name} (exact name, modifier included), in order. */
    List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }

    Optional<String> one(String name) {
        List<String> given = all(name);
        return given.isEmpty() ? Optional.empty() : Optional.of(given.get(0));
    }

    /** The parameters but those named, in their original order. */
    Query without(String... names) {
        Map<String, List<String>> kept = new LinkedHashMap<>(values);
        for (String name : names) {
            kept.remove(name);
        }
        return new Query(kept);
    }

    /** The parameters URL-encoded as a query string, without a leading {@code ?}. */
    String encoded() {
        List<String> pairs = new ArrayList<>();
        values.forEach((name, given) -> given.forEach(value -> pairs.add(encode(name) + "=" + encode(value))));
        return String.join("&", pairs);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8)
                .replace("%3A", ":")
                .replace("%7C", "|")
                .replace("%2C", ",");
    }
}
