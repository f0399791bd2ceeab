package org.rplcds.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.rplcds.prefetch.PrefetchValueReader;

/**
 * A CDS Hooks 2.0 request, checked. Unknown members and {@code extension} are tolerated.
 *
 * @param hook the hook that fired
 * @param hookInstance the client's id for this call, if sent
 * @param fhirServer the FHIR base URL, if sent
 * @param accessToken the bearer token of {@code fhirAuthorization}, if sent
 * @param context the hook context
 * @param patientId {@code context.patientId}
 * @param prefetch the prefetch values by key; JSON {@code null} values are kept
 */
record HookRequest(
        String hook,
        Optional<String> hookInstance,
        Optional<URI> fhirServer,
        Optional<String> accessToken,
        JsonNode context,
        String patientId,
        Map<String, JsonNode> prefetch) {

    /** FHIR R4 id: the patient id goes into query URLs, so nothing else is accepted. */
    private static final Pattern FHIR_ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");

    /** Reads a request, refusing one whose prefetch holds more than {@code maxResources} resources. */
    static HookRequest read(JsonNode body, String expectedHook, int maxResources) {
        if (body == null || !body.isObject()) {
            throw new MalformedRequestException("request body must be a JSON object");
        }
        String hook = requiredText(body, "hook");
        if (!hook.equals(expectedHook)) {
            throw new MalformedRequestException(
                    "this service answers the " + expectedHook + " hook, not '" + Sanitise.forMessage(hook) + "'");
        }
        Optional<String> hookInstance = optionalText(body, "hookInstance");
        Optional<URI> fhirServer = optionalText(body, "fhirServer").map(HookRequest::fhirServer);
        Optional<String> accessToken = accessToken(body.get("fhirAuthorization"));
        JsonNode context = body.get("context");
        if (context == null || context.isNull()) {
            throw new MalformedRequestException("context is required");
        }
        if (!context.isObject()) {
            throw new MalformedRequestException("context must be a JSON object");
        }
        String patientId = requiredText(context, "patientId", "context.patientId");
        if (!FHIR_ID.matcher(patientId).matches()) {
            throw new MalformedRequestException(
                    "context.patientId must be a FHIR id (letters, digits, '-', '.'; at most 64)");
        }
        optionalText(context, "userId", "context.userId");
        optionalText(context, "encounterId", "context.encounterId");
        Map<String, JsonNode> prefetch = prefetch(body.get("prefetch"));
        int resources = 0;
        for (JsonNode value : prefetch.values()) {
            resources += PrefetchValueReader.resources(value);
        }
        if (resources > maxResources) {
            throw new TooManyResourcesException(maxResources);
        }
        return new HookRequest(hook, hookInstance, fhirServer, accessToken, context, patientId, prefetch);
    }

    private static Map<String, JsonNode> prefetch(JsonNode prefetch) {
        if (prefetch == null || prefetch.isNull()) {
            return Map.of();
        }
        if (!prefetch.isObject()) {
            throw new MalformedRequestException("prefetch must be a JSON object");
        }
        Map<String, JsonNode> values = new LinkedHashMap<>();
        prefetch.fields().forEachRemaining(field -> {
            JsonNode value = field.getValue();
            if (!value.isObject() && !value.isNull()) {
                throw new MalformedRequestException(
                        "prefetch." + Sanitise.forMessage(field.getKey()) + " must be a FHIR resource or null");
            }
            values.put(field.getKey(), value);
        });
        return values;
    }

    private static Optional<String> accessToken(JsonNode authorization) {
        if (authorization == null || authorization.isNull()) {
            return Optional.empty();
        }
        if (!authorization.isObject()) {
            throw new MalformedRequestException("fhirAuthorization must be a JSON object");
        }
        String token = requiredText(authorization, "access_token", "fhirAuthorization.access_token");
        Optional<String> type = optionalText(authorization, "token_type", "fhirAuthorization.token_type");
        if (type.isPresent() && !type.get().equalsIgnoreCase("Bearer")) {
            throw new MalformedRequestException("fhirAuthorization.token_type must be Bearer");
        }
        JsonNode expiresIn = authorization.get("expires_in");
        // Some clients send expires_in as a string of digits: tolerated.
        if (expiresIn != null
                && !expiresIn.isNull()
                && !expiresIn.isNumber()
                && !(expiresIn.isTextual() && expiresIn.asText().matches("\\d{1,10}"))) {
            throw new MalformedRequestException("fhirAuthorization.expires_in must be a number");
        }
        if (token.isBlank() || token.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            throw new MalformedRequestException("fhirAuthorization.access_token must be a non-empty token");
        }
        return Optional.of(token);
    }

    private static URI fhirServer(String value) {
        try {
            URI uri = new URI(value.trim());
            String scheme = uri.getScheme();
            if (uri.getHost() == null
                    || scheme == null
                    || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
                throw new MalformedRequestException("fhirServer must be an absolute http(s) URL");
            }
            return uri;
        } catch (java.net.URISyntaxException e) {
            throw new MalformedRequestException("fhirServer must be an absolute http(s) URL");
        }
    }

    private static String requiredText(JsonNode node, String field) {
        return requiredText(node, field, field);
    }

    private static String requiredText(JsonNode node, String field, String path) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new MalformedRequestException(path + " is required");
        }
        if (value.getNodeType() != JsonNodeType.STRING || value.asText().isBlank()) {
            throw new MalformedRequestException(path + " must be a non-empty string");
        }
        return value.asText();
    }

    private static Optional<String> optionalText(JsonNode node, String field) {
        return optionalText(node, field, field);
    }

    private static Optional<String> optionalText(JsonNode node, String field, String path) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw new MalformedRequestException(path + " must be a string");
        }
        return Optional.of(value.asText());
    }

    @Override
    public String toString() {
        return "HookRequest[hook=" + hook + ", prefetchKeys=" + prefetch.keySet() + "]";
    }
}
