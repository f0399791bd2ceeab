package org.rplcds.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import org.rplcds.cards.CardsResponseJson;
import org.rplcds.feedback.FeedbackReceiptJson;
import org.rplcds.feedback.FeedbackService;
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
class CdsServicesController {

    private final ServiceCatalog catalog;
    private final HookInvocations hooks;
    private final FeedbackService feedback;

    CdsServicesController(ServiceCatalog catalog, HookInvocations hooks, FeedbackService feedback) {
        this.catalog = catalog;
        this.hooks = hooks;
        this.feedback = feedback;
    }

    @GetMapping
    DiscoveryJson discovery() {
        return catalog.discovery();
    }

    @PostMapping("/{id}")
    CardsResponseJson invoke(@PathVariable String id, @RequestBody JsonNode body) {
        return hooks.invoke(id, body);
    }

    /** Not part of CDS Hooks: the facts behind the cards by date, for the card viewer's timeline. */
    @PostMapping("/{id}/timeline")
    TimelineJson timeline(@PathVariable String id, @RequestBody JsonNode body) {
        return hooks.timeline(id, body);
    }

    @PostMapping("/{id}/feedback")
    FeedbackReceiptJson feedback(@PathVariable String id, @RequestBody JsonNode body) {
        return feedback.record(catalog.require(id).id(), body);
    }
}
