package org.rplcds.hooks;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParserErrorHandler;
import java.util.List;
import org.rplcds.facts.DraftOrderReader;
import org.rplcds.facts.DraftOrders;
import org.rplcds.prefetch.TreeParser;
import org.rplcds.rules.Finding;

/**
 * The hooks written at the moment of ordering, which carry draft orders: the advice on writing
 * them. Most orders are none of the rules' business: their call is answered without reading the
 * chart.
 */
abstract class OrderService implements CdsService {

    private final DraftOrderReader drafts;
    private final FhirContext fhir;
    private final IParserErrorHandler errors;
    private final LimitsProperties limits;

    OrderService(DraftOrderReader drafts, FhirContext fhir, IParserErrorHandler errors, LimitsProperties limits) {
        this.drafts = drafts;
        this.fhir = fhir;
        this.errors = errors;
        this.limits = limits;
    }

    /** Whether the hook names the selected orders ({@code order-select}) rather than all. */
    abstract boolean selects();

    @Override
    public List<Finding> findings(HookRequest request, Pipeline.Run run) {
        HookRequest.Orders orders =
                request.orders(selects(), new TreeParser(fhir, errors), limits.maxPrefetchResources());
        DraftOrders drafted = drafts.read(orders.drafts(), orders.selections());
        return run.readsAny(drafted) ? run.recommendations(drafted) : List.of();
    }
}
