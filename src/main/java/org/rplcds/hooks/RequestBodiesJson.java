package org.rplcds.hooks;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * The feedback request body, as the OpenAPI description shows it. The feedback service reads the
 * body as a JSON tree and checks it member by member, so that a wrong member gets a 400 saying
 * which; these records only describe that wire format. A hook call's body is {@link HookRequest}.
 */
final class RequestBodiesJson {

    private RequestBodiesJson() {}

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
    record Reason(
            @Schema(example = "http://terminology.hl7.org/CodeSystem/non-adherence-reason-codes") String system,
            @Schema(example = "action-completed") String code,
            String display) {}
}
