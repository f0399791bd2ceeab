package org.rplcds.prefetch;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A FHIR search of one resource type, {@code Type?name=value&...}, with its parameters in order
 * and their values URL-encoded as they go on the wire. A parameter's name may carry a modifier
 * ({@code code:in}); {@link #has} and {@link #without} look at the name before it.
 */
record SearchQuery(String type, List<Parameter> parameters) {

    /** One {@code name=value} of a query; {@code value} is URL-encoded. */
    record Parameter(String name, String value) {

        String base() {
            int colon = name.indexOf(':');
            return colon < 0 ? name : name.substring(0, colon);
        }

        @Override
        public String toString() {
            return name + "=" + value;
        }
    }

    SearchQuery {
        parameters = List.copyOf(parameters);
    }

    /** The search a relative query such as {@code Condition?patient=1} stands for; empty for a read. */
    static Optional<SearchQuery> parse(String relative) {
        int question = relative.indexOf('?');
        String type = question < 0 ? relative : relative.substring(0, question);
        if (type.isEmpty() || !type.chars().allMatch(Character::isLetter) || !Character.isUpperCase(type.charAt(0))) {
            return Optional.empty();
        }
        List<Parameter> parameters = new ArrayList<>();
        if (question >= 0) {
            for (String pair : relative.substring(question + 1).split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int equals = pair.indexOf('=');
                parameters.add(
                        equals < 0
                                ? new Parameter(pair, "")
                                : new Parameter(pair.substring(0, equals), pair.substring(equals + 1)));
            }
        }
        return Optional.of(new SearchQuery(type, parameters));
    }

    boolean has(String base) {
        return parameters.stream().anyMatch(p -> p.base().equals(base));
    }

    /** The encoded value of the first parameter of that name, modifiers aside. */
    Optional<String> value(String base) {
        return parameters.stream()
                .filter(p -> p.base().equals(base))
                .map(Parameter::value)
                .findFirst();
    }

    /** The decoded values of the first parameter of that name, split at the commas that separate them. */
    List<String> values(String base) {
        return value(base)
                .map(v -> List.of(v.split(",")).stream()
                        .map(part -> URLDecoder.decode(part, StandardCharsets.UTF_8))
                        .toList())
                .orElse(List.of());
    }

    /** The decoded value of every parameter of that name, in order (a closed date range has two). */
    List<String> all(String base) {
        return parameters.stream()
                .filter(p -> p.base().equals(base))
                .map(p -> URLDecoder.decode(p.value(), StandardCharsets.UTF_8))
                .toList();
    }

    SearchQuery without(String base) {
        return new SearchQuery(
                type, parameters.stream().filter(p -> !p.base().equals(base)).toList());
    }

    /** The query with {@code name} set to the values given (decoded; encoded here), replacing any before. */
    SearchQuery with(String name, List<String> values) {
        List<Parameter> kept = new ArrayList<>(without(name).parameters());
        kept.add(new Parameter(
                name,
                values.stream()
                        .map(v -> URLEncoder.encode(v, StandardCharsets.UTF_8).replace("+", "%20"))
                        .collect(Collectors.joining(","))));
        return new SearchQuery(type, kept);
    }

    /** The query with one more {@code name=value} (value decoded; encoded here), beside any of that name. */
    SearchQuery and(String name, String value) {
        List<Parameter> more = new ArrayList<>(parameters);
        more.add(new Parameter(name, URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return new SearchQuery(type, more);
    }

    /** {@code Type?a=b&c=d}, as a GET request's path and query relative to the base. */
    String relative() {
        return parameters.isEmpty() ? type : type + "?" + form();
    }

    /** The parameters as an {@code application/x-www-form-urlencoded} body. */
    String form() {
        return parameters.stream().map(Parameter::toString).collect(Collectors.joining("&"));
    }

    URI get(URI base) {
        return base.resolve(relative());
    }

    /** {@code [base]/[type]/_search}, where the query is posted as a form. */
    URI post(URI base) {
        return base.resolve(type + "/_search");
    }

    @Override
    public String toString() {
        return relative();
    }
}
