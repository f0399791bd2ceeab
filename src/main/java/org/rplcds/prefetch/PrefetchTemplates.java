package org.rplcds.prefetch;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills CDS Hooks 2.0 prefetch tokens: {@code {{context.*}}} and the user tokens derived from
 * {@code context.userId} ({@code {{userPractitionerId}}}, {@code {{userPractitionerRoleId}}},
 * {@code {{userPatientId}}}, {@code {{userRelatedPersonId}}}).
 */
final class PrefetchTemplates {

    private static final Pattern TOKEN = Pattern.compile("\\{\\{\\s*([^}]+?)\\s*}}");

    private PrefetchTemplates() {}

    /** The query with every token replaced, or empty when a token has no value in the context. */
    static Optional<String> fill(String template, JsonNode context) {
        Matcher matcher = TOKEN.matcher(template);
        StringBuilder filled = new StringBuilder();
        while (matcher.find()) {
            Optional<String> value = value(matcher.group(1), context);
            if (value.isEmpty()) {
                return Optional.empty();
            }
            String encoded = URLEncoder.encode(value.get(), StandardCharsets.UTF_8);
            matcher.appendReplacement(filled, Matcher.quoteReplacement(encoded));
        }
        matcher.appendTail(filled);
        return Optional.of(filled.toString());
    }

    private static Optional<String> value(String token, JsonNode context) {
        if (token.startsWith("context.")) {
            JsonNode node = context;
            for (String part : token.substring("context.".length()).split("\\.")) {
                node = node == null ? null : node.get(part);
            }
            return node != null
                            && node.isValueNode()
                            && !node.isNull()
                            && !node.asText().isBlank()
                    ? Optional.of(node.asText())
                    : Optional.empty();
        }
        return switch (token) {
            case "userPractitionerId" -> userId(context, "Practitioner");
            case "userPractitionerRoleId" -> userId(context, "PractitionerRole");
            case "userPatientId" -> userId(context, "Patient");
            case "userRelatedPersonId" -> userId(context, "RelatedPerson");
            default -> Optional.empty();
        };
    }

    private static Optional<String> userId(JsonNode context, String resourceType) {
        JsonNode userId = context.get("userId");
        if (userId == null || !userId.isTextual()) {
            return Optional.empty();
        }
        String prefix = resourceType + "/";
        String text = userId.asText();
        return text.startsWith(prefix) && text.length() > prefix.length()
                ? Optional.of(text.substring(prefix.length()))
                : Optional.empty();
    }
}
