package org.rplcds.hooks;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.oas.annotations.media.Schema;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.rplcds.prefetch.PrefetchValueReader;
import org.rplcds.prefetch.TreeParser;

/**
 * A CDS Hooks 2.0 request, checked: the one model of a hook call, which {@link #read} builds from
 * the body and the OpenAPI description is generated from. Unknown members and {@code extension}
 * are tolerated; of the extensions, {@code davinci-crd.configuration} is read. Each member is
 * checked by hand rather than bound, so that a wrong one is refused with a 400 naming it.
 *
 * @param hook the hook that fired
 * @param hookInstance the client's id for this call, if sent
 * @param fhirServer the FHIR base URL, if sent
 * @param fhirAuthorization the bearer token for {@code fhirServer}, if sent
 * @param context the hook context
 * @param prefetch the prefetch values by key; JSON {@code null} values are kept
 * @param configuration {@code extension.davinci-crd.configuration}: the values of configuration
 *     options by code, as sent; those the service offers are checked by {@link #declined}
 */
@Schema(name = "HookRequest", description = "A CDS Hooks 2.0 hook call; unknown members are tolerated")
public record HookRequest(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "patient-view") String hook,
        @Schema(
                        description = "CDS Hooks 2.0 asks for it; a call without it is answered too, as the CDS Hooks"
                                + " Sandbox sends none",
                        example = "8d1c1f3e-4b7a-4c1e-9a7a-0c3c0f1f6a11")
                Optional<String> hookInstance,
        @Schema(
                        type = "string",
                        description = "FHIR base URL the service reads missing prefetch from",
                        example = "http://localhost:8080/fhir")
                Optional<URI> fhirServer,
        Optional<FhirAuthorization> fhirAuthorization,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) Context context,
        @Schema(
                        description =
                                "FHIR resources by prefetch key; null means known not to exist, an absent key is read from fhirServer")
                Map<String, JsonNode> prefetch,
        @Schema(hidden = true) Map<String, JsonNode> configuration) {

    /**
     * The member of {@code extension} that carries a call's configuration, as Da Vinci CRD 2.x
     * names it ("Hook configuration extension": HL7/davinci-crd, input/pagecontent/deviations.md;
     * https://hl7.org/fhir/us/davinci-crd/2.2.1/en/StructureDefinition-CDSHookServiceRequestExtensionRequestConfig.html).
     */
    static final String CONFIGURATION = "davinci-crd.configuration";

    /** FHIR R4 id: the patient id goes into query URLs, so nothing else is accepted. */
    private static final Pattern FHIR_ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");

    /** A relative reference, as selections name an order: {@code MedicationRequest/123}. */
    private static final Pattern REFERENCE = Pattern.compile("[A-Z][A-Za-z]{1,63}/[^/\\s]{1,64}");

    /**
     * The hook context. Prefetch templates may name any of its members ({@code {{context.x}}}), so
     * the context is kept as sent besides.
     *
     * @param patientId {@code context.patientId}
     * @param userId {@code context.userId}, if sent
     * @param encounterId {@code context.encounterId}, if sent
     * @param draftOrders {@code context.draftOrders}, checked by {@link #orders} where the hook has them
     * @param selections {@code context.selections}, checked by {@link #orders} where the hook has them
     * @param json the context as sent
     */
    @Schema(name = "HookContext")
    public record Context(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "demo-sch") String patientId,
            @Schema(
                            description = "order-select and order-sign (required there): the user writing the orders",
                            example = "Practitioner/example")
                    Optional<String> userId,
            Optional<String> encounterId,
            @Schema(
                            implementation = Object.class,
                            description =
                                    "order-select and order-sign (required there): a FHIR Bundle of the draft orders;"
                                            + " ServiceRequest and MedicationRequest are read, other types ignored")
                    Optional<JsonNode> draftOrders,
            @Schema(
                            implementation = String[].class,
                            description =
                                    "order-select (required there): the selected orders of draftOrders, as Type/id",
                            example = "[\"ServiceRequest/draft-1\"]")
                    Optional<JsonNode> selections,
            @Schema(hidden = true) JsonNode json) {}

    /**
     * {@code fhirAuthorization}: only the token is kept, for the reads of {@code fhirServer}.
     *
     * @param accessToken {@code access_token}
     */
    @Schema(name = "FhirAuthorization")
    public record FhirAuthorization(
            @JsonProperty("access_token") @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String accessToken,
            @JsonProperty("token_type") @Schema(example = "Bearer") Optional<String> tokenType,
            @JsonProperty("expires_in") @Schema(implementation = Integer.class) Optional<JsonNode> expiresIn) {

        @Override
        public String toString() {
            // Never print the token.
            return "FhirAuthorization";
        }
    }

    /**
     * The draft orders of {@code order-select} and {@code order-sign} (CDS Hooks 2.0 hook
     * definitions): {@code draftOrders}, a Bundle whose entries are FHIR R4 resources, and for
     * {@code order-select} the {@code selections}, references to orders of that Bundle.
     *
     * @param drafts the Bundle's resources, in entry order
     * @param selections for {@code order-select}, the selected orders; empty for {@code order-sign}
     */
    public record Orders(List<IBaseResource> drafts, Optional<Set<String>> selections) {}

    /** {@code context.patientId}. */
    public String patientId() {
        return context.patientId();
    }

    /** The bearer token of {@code fhirAuthorization}, if sent. */
    public Optional<String> accessToken() {
        return fhirAuthorization.map(FhirAuthorization::accessToken);
    }

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
        Optional<FhirAuthorization> authorization = authorization(body.get("fhirAuthorization"));
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
        Optional<String> userId = optionalText(context, "userId", "context.userId");
        Optional<String> encounterId = optionalText(context, "encounterId", "context.encounterId");
        Map<String, JsonNode> prefetch = prefetch(body.get("prefetch"));
        int resources = 0;
        for (JsonNode value : prefetch.values()) {
            resources += PrefetchValueReader.resources(value);
        }
        if (resources > maxResources) {
            throw new TooManyResourcesException(maxResources);
        }
        Map<String, JsonNode> configuration = configuration(body.get("extension"));
        return new HookRequest(
                hook,
                hookInstance,
                fhirServer,
                authorization,
                new Context(
                        patientId,
                        userId,
                        encounterId,
                        Optional.ofNullable(context.get("draftOrders")),
                        Optional.ofNullable(context.get("selections")),
                        context),
                prefetch,
                configuration);
    }

    /**
     * The codes of the offered options this call sets to false. CRD: a client conveys each option
     * with a value of the type the option declares, and a service ignores the options it does not
     * support; an offered option set to anything but true or false is refused.
     *
     * @param offered the codes of the options the service offers, each boolean
     * @throws MalformedRequestException naming the option whose value is not a boolean
     */
    Set<String> declined(List<String> offered) {
        Set<String> declined = new LinkedHashSet<>();
        for (String code : offered) {
            JsonNode value = configuration.get(code);
            if (value == null) {
                continue;
            }
            if (!value.isBoolean()) {
                throw new MalformedRequestException(
                        "extension." + CONFIGURATION + "." + code + " must be true or false");
            }
            if (!value.booleanValue()) {
                declined.add(code);
            }
        }
        return declined;
    }

    /** {@code extension.davinci-crd.configuration}, one object when sent; other extensions are tolerated. */
    private static Map<String, JsonNode> configuration(JsonNode extension) {
        JsonNode configuration = extension == null ? null : extension.get(CONFIGURATION);
        if (configuration == null || configuration.isNull()) {
            return Map.of();
        }
        if (!configuration.isObject()) {
            throw new MalformedRequestException("extension." + CONFIGURATION + " must be a JSON object");
        }
        Map<String, JsonNode> values = new LinkedHashMap<>();
        configuration.fields().forEachRemaining(field -> values.put(field.getKey(), field.getValue()));
        return values;
    }

    /**
     * The draft orders, checked and read by HAPI from the request's tree.
     *
     * @param selected whether the hook names selected orders ({@code order-select})
     * @throws MalformedRequestException naming the field that is missing or of the wrong shape
     * @throws TooManyResourcesException when the Bundle holds more than {@code maxResources}
     */
    Orders orders(boolean selected, TreeParser hapi, int maxDrafts) {
        // CDS Hooks 2.0: order-select and order-sign name the user writing the orders.
        if (context.userId().isEmpty()) {
            throw new MalformedRequestException("context.userId is required");
        }
        JsonNode bundle = context.draftOrders().filter(node -> !node.isNull()).orElse(null);
        if (bundle == null) {
            throw new MalformedRequestException("context.draftOrders is required");
        }
        if (!bundle.isObject() || !"Bundle".equals(bundle.path("resourceType").asText(null))) {
            throw new MalformedRequestException("context.draftOrders must be a FHIR Bundle");
        }
        JsonNode entries = bundle.get("entry");
        if (entries != null && !entries.isNull() && !entries.isArray()) {
            throw new MalformedRequestException("context.draftOrders.entry must be an array");
        }
        List<IBaseResource> drafts = new ArrayList<>();
        if (entries != null && entries.isArray()) {
            if (entries.size() > maxDrafts) {
                throw new TooManyResourcesException("context.draftOrders holds more than " + maxDrafts + " orders");
            }
            for (int i = 0; i < entries.size(); i++) {
                drafts.add(draft(entries.get(i), "context.draftOrders.entry[" + i + "]", hapi));
            }
        }
        Optional<Set<String>> selections = Optional.empty();
        if (selected) {
            selections = Optional.of(selections(context.selections().orElse(null)));
        }
        return new Orders(List.copyOf(drafts), selections);
    }

    private static IBaseResource draft(JsonNode entry, String path, TreeParser hapi) {
        if (!entry.isObject()) {
            throw new MalformedRequestException(path + " must be a JSON object");
        }
        JsonNode resource = entry.get("resource");
        if (resource == null || resource.isNull()) {
            throw new MalformedRequestException(path + ".resource is required");
        }
        if (!resource.isObject() || !resource.path("resourceType").isTextual()) {
            throw new MalformedRequestException(path + ".resource must be a FHIR R4 resource");
        }
        try {
            return hapi.parse((ObjectNode) resource);
        } catch (RuntimeException e) {
            // HAPI's message may quote the resource: the field is named, the content is not echoed.
            throw new MalformedRequestException(path + ".resource is not a FHIR R4 resource");
        }
    }

    private static Set<String> selections(JsonNode selections) {
        if (selections == null || selections.isNull()) {
            throw new MalformedRequestException("context.selections is required");
        }
        if (!selections.isArray()) {
            throw new MalformedRequestException("context.selections must be an array of references");
        }
        Set<String> references = new LinkedHashSet<>();
        for (int i = 0; i < selections.size(); i++) {
            JsonNode selection = selections.get(i);
            if (!selection.isTextual() || !REFERENCE.matcher(selection.asText()).matches()) {
                throw new MalformedRequestException(
                        "context.selections[" + i + "] must be a reference such as MedicationRequest/123");
            }
            references.add(selection.asText());
        }
        return Set.copyOf(references);
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

    private static Optional<FhirAuthorization> authorization(JsonNode authorization) {
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
        return Optional.of(new FhirAuthorization(
                token, type, Optional.ofNullable(expiresIn).filter(node -> !node.isNull())));
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
