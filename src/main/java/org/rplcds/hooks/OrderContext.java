package org.rplcds.hooks;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * The context of {@code order-select} and {@code order-sign} (CDS Hooks 2.0 hook definitions),
 * checked: {@code draftOrders}, a Bundle whose entries are FHIR R4 resources, and for {@code
 * order-select} the {@code selections}, references to orders of that Bundle.
 *
 * @param drafts the Bundle's resources, in entry order
 * @param selections for {@code order-select}, the selected orders; empty for {@code order-sign}
 */
record OrderContext(List<IBaseResource> drafts, Optional<Set<String>> selections) {

    static final String ORDER_SELECT = "order-select";
    static final String ORDER_SIGN = "order-sign";

    /** A relative reference, as selections name an order: {@code MedicationRequest/123}. */
    private static final Pattern REFERENCE = Pattern.compile("[A-Z][A-Za-z]{1,63}/[^/\\s]{1,64}");

    /** Whether the hook is written at the moment of ordering and carries draft orders. */
    static boolean ordering(String hook) {
        return ORDER_SELECT.equals(hook) || ORDER_SIGN.equals(hook);
    }

    /**
     * @throws MalformedRequestException naming the field that is missing or of the wrong shape
     * @throws TooManyResourcesException when the Bundle holds more than {@code maxResources}
     */
    static OrderContext read(JsonNode context, String hook, FhirContext fhir, int maxResources) {
        // CDS Hooks 2.0: order-select and order-sign name the user writing the orders.
        JsonNode user = context.get("userId");
        if (user == null || user.isNull()) {
            throw new MalformedRequestException("context.userId is required");
        }
        JsonNode bundle = context.get("draftOrders");
        if (bundle == null || bundle.isNull()) {
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
            if (entries.size() > maxResources) {
                throw new TooManyResourcesException(maxResources);
            }
            for (int i = 0; i < entries.size(); i++) {
                drafts.add(resource(entries.get(i), "context.draftOrders.entry[" + i + "]", fhir));
            }
        }
        Optional<Set<String>> selections = Optional.empty();
        if (ORDER_SELECT.equals(hook)) {
            selections = Optional.of(selections(context.get("selections")));
        }
        return new OrderContext(List.copyOf(drafts), selections);
    }

    private static IBaseResource resource(JsonNode entry, String path, FhirContext fhir) {
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
            return fhir.newJsonParser().parseResource(resource.toString());
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
}
