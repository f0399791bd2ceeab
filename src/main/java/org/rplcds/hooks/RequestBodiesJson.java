package org.rplcds.hooks;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;

/**
 * The request bodies of the CDS Hooks 2.0 endpoints, as the OpenAPI description shows them. The
 * controller reads each body as a JSON tree and checks it member by member ({@link HookRequest},
 * the feedback service), so that a wrong member gets a 400 saying which; these records only
 * describe that wire format.
 */
final class RequestBodiesJson {

    private RequestBodiesJson() {}

    @Schema(name = "HookRequest", description = "A CDS Hooks 2.0 hook call; unknown members are tolerated")
    record HookCall(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "patient-view") String hook,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "8d1c1f3e-4b7a-4c1e-9a7a-0c3c0f1f6a11")
                    String hookInstance,
            @Schema(
                            description = "FHIR base URL the service reads missing prefetch from",
                            example = "http://localhost:8080/fhir")
                    String fhirServer,
            FhirAuthorization fhirAuthorization,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) Context context,
            @Schema(
                            description =
                                    "FHIR resources by prefetch key; null means known not to exist, an absent key is read from fhirServer")
                    Map<String, Object> prefetch) {}

    @Schema(name = "HookContext")
    record Context(
            @Schema(example = "Practitioner/example") String userId,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "demo-sch") String patientId,
            String encounterId,
            @Schema(
                            description =
                                    "order-select and order-sign (required there): a FHIR Bundle of the draft orders;"
                                            + " ServiceRequest and MedicationRequest are read, other types ignored")
                    Map<String, Object> draftOrders,
            @Schema(
                            description =
                                    "order-select (required there): the selected orders of draftOrders, as Type/id",
                            example = "[\"ServiceRequest/draft-1\"]")
                    List<String> selections) {}

    @Schema(name = "FhirAuthorization")
    record FhirAuthorization(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String access_token,
            @Schema(example = "Bearer") String token_type,
            Integer expires_in,
            String scope,
            String subject) {}

    @Schema(name = "FeedbackRequest", description = "CDS Hooks 2.0 feedback: one record per card outcome")
    record Feedback(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) List<FeedbackItem> feedback) {}

    @Schema(name = "FeedbackItem")
    record FeedbackItem(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "the card's uuid") String card,
            @Schema(
                            requiredMode = Schema.RequiredMode.REQUIRED,
                            allowableValues = {"accepted", "overridden"})
                    String outcome,
            List<AcceptedSuggestion> acceptedSuggestions,
            OverrideReason overrideReason,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "2025-06-01T10:15:00Z")
                    String outcomeTimestamp) {}

    @Schema(name = "AcceptedSuggestion")
    record AcceptedSuggestion(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String id) {}

    @Schema(name = "OverrideReason")
    record OverrideReason(Reason reason, String userComment) {}

    @Schema(name = "Coding")
    record Reason(String system, @Schema(example = "already-addressed") String code, String display) {}
}
