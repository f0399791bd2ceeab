package org.rplcds.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Optional;
import org.rplcds.audit.AuditedCall;
import org.rplcds.cards.CardsResponseJson;
import org.rplcds.feedback.FeedbackReceiptJson;
import org.rplcds.feedback.FeedbackService;
import org.rplcds.system.ClientAttributes;
import org.rplcds.timeline.TimelineJson;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** CDS Hooks 2.0 endpoints: each delegates in one call. */
@RestController
@RequestMapping(path = "/cds-services", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "CDS Hooks 2.0")
@ApiResponse(
        responseCode = "401",
        description = "Client JWT missing or invalid (outside the demo profile); no body",
        content = @Content)
@ApiResponse(
        responseCode = "500",
        description = "Unexpected error; the body never carries a stack trace",
        content = @Content(schema = @Schema(implementation = ErrorJson.class)))
class CdsServicesController {

    private final ServiceCatalog catalog;
    private final CdsServiceRegistry hooks;
    private final FeedbackService feedback;

    CdsServicesController(ServiceCatalog catalog, CdsServiceRegistry hooks, FeedbackService feedback) {
        this.catalog = catalog;
        this.hooks = hooks;
        this.feedback = feedback;
    }

    @GetMapping
    @Operation(summary = "Discovery: the services this deployment offers, each with its prefetch and version")
    @ApiResponse(responseCode = "200", description = "The discovery document")
    DiscoveryJson discovery() {
        return catalog.discovery();
    }

    /** The hook call's body, as the OpenAPI description shows it. */
    @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
    @java.lang.annotation.Target(java.lang.annotation.ElementType.METHOD)
    @io.swagger.v3.oas.annotations.parameters.RequestBody(
            required = true,
            content = @Content(schema = @Schema(implementation = HookRequest.class)))
    @interface HookCallBody {}

    /** The errors a hook call and a timeline call answer, as the OpenAPI description shows them. */
    @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
    @java.lang.annotation.Target(java.lang.annotation.ElementType.METHOD)
    @ApiResponse(
            responseCode = "400",
            description = "Malformed request",
            content = @Content(schema = @Schema(implementation = ErrorJson.class)))
    @ApiResponse(
            responseCode = "404",
            description = "Unknown service id",
            content = @Content(schema = @Schema(implementation = ErrorJson.class)))
    @ApiResponse(
            responseCode = "412",
            description = "Data needed but neither prefetched nor readable from fhirServer; missing names each key",
            content = @Content(schema = @Schema(implementation = ErrorJson.class)))
    @ApiResponse(
            responseCode = "413",
            description = "Body or prefetch larger than the limits",
            content = @Content(schema = @Schema(implementation = ErrorJson.class)))
    @ApiResponse(
            responseCode = "503",
            description = "The calls in flight hold the memory the service gives them, or the call could not be"
                    + " recorded in the audit trail; send it again after Retry-After",
            content = @Content(schema = @Schema(implementation = ErrorJson.class)))
    @interface HookCallErrors {}

    @PostMapping("/{id}")
    @Operation(summary = "Call a service: evaluate the hook and answer cards")
    @HookCallBody
    @ApiResponse(responseCode = "200", description = "Evaluated; cards is empty when nothing applies")
    @HookCallErrors
    @Audited(AuditedCall.Kind.HOOK)
    CardsResponseJson invoke(@PathVariable String id, @RequestBody HookBody body, HttpServletRequest request) {
        return hooks.call(id, body.json(), allowedFhirServers(request), CallAuditing.of(request));
    }

    /** Not part of CDS Hooks: the facts behind the cards by date, for the card viewer's timeline. */
    @PostMapping("/{id}/timeline")
    @Operation(summary = "Not part of CDS Hooks: the facts behind the cards by date, for the card viewer")
    @HookCallBody
    @ApiResponse(responseCode = "200", description = "The patient's pregnancies, losses and work-up")
    @HookCallErrors
    @Audited(AuditedCall.Kind.TIMELINE)
    TimelineJson timeline(@PathVariable String id, @RequestBody HookBody body, HttpServletRequest request) {
        return hooks.timeline(id, body.json(), allowedFhirServers(request), CallAuditing.of(request));
    }

    /**
     * Not part of CDS Hooks: the cards and the timeline of one evaluation, so that the card viewer
     * opens a chart with one run of the pipeline.
     */
    @PostMapping("/{id}/chart")
    @Operation(summary = "Not part of CDS Hooks: the cards and the timeline of one evaluation, for the card viewer")
    @HookCallBody
    @ApiResponse(responseCode = "200", description = "The cards, as the hook call answers them, and the timeline")
    @HookCallErrors
    @Audited(AuditedCall.Kind.CHART)
    ChartJson chart(@PathVariable String id, @RequestBody HookBody body, HttpServletRequest request) {
        return hooks.chart(id, body.json(), allowedFhirServers(request), CallAuditing.of(request));
    }

    @PostMapping("/{id}/feedback")
    @Operation(summary = "Clinician feedback on cards; storing is idempotent per card and outcome")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(
            required = true,
            content = @Content(schema = @Schema(implementation = RequestBodiesJson.Feedback.class)))
    @ApiResponse(responseCode = "200", description = "How many records were received, newly stored, and already stored")
    @ApiResponse(
            responseCode = "400",
            description = "Malformed feedback",
            content = @Content(schema = @Schema(implementation = ErrorJson.class)))
    @ApiResponse(
            responseCode = "404",
            description = "Unknown service id",
            content = @Content(schema = @Schema(implementation = ErrorJson.class)))
    @ApiResponse(
            responseCode = "503",
            description = "Feedback store unavailable; send again",
            content = @Content(schema = @Schema(implementation = ErrorJson.class)))
    FeedbackReceiptJson feedback(@PathVariable String id, @RequestBody JsonNode body) {
        return feedback.record(catalog.require(id).id(), body);
    }

    /** The verified client's fhirServer allowlist; empty when client tokens are not checked. */
    @SuppressWarnings("unchecked")
    private static Optional<List<String>> allowedFhirServers(HttpServletRequest request) {
        return Optional.ofNullable((List<String>) request.getAttribute(ClientAttributes.FHIR_SERVERS));
    }
}
