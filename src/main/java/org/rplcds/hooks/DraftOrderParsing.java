package org.rplcds.hooks;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParserErrorHandler;
import org.rplcds.CdsSettings;
import org.rplcds.facts.DraftOrderReader;
import org.rplcds.facts.DraftOrders;
import org.rplcds.prefetch.TreeParser;
import org.springframework.stereotype.Component;

/** The draft orders of an ordering hook's call, checked, read by HAPI from the request's tree, then as facts. */
@Component
class DraftOrderParsing {

    private final DraftOrderReader drafts;
    private final FhirContext fhir;
    private final IParserErrorHandler errors;
    private final CdsSettings.Http limits;

    DraftOrderParsing(DraftOrderReader drafts, FhirContext fhir, IParserErrorHandler errors, CdsSettings.Http limits) {
        this.drafts = drafts;
        this.fhir = fhir;
        this.errors = errors;
        this.limits = limits;
    }

    /**
     * @param selected whether the hook names the selected orders ({@code order-select}) rather than all
     */
    DraftOrders read(HookRequest request, boolean selected) {
        HookRequest.Orders orders = request.orders(selected, new TreeParser(fhir, errors), limits.maxDraftOrders());
        return drafts.read(orders.drafts(), orders.selections());
    }
}
