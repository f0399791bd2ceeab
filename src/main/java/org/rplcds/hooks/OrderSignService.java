package org.rplcds.hooks;

import ca.uhn.fhir.context.FhirContext;
import java.util.List;
import org.rplcds.facts.DraftOrderReader;
import org.rplcds.facts.DraftOrders;
import org.rplcds.rules.Finding;
import org.springframework.stereotype.Component;

/** {@code order-sign}: every draft order of the call is read, and the advice on writing them. */
@Component
class OrderSignService implements CdsService {

    private final DraftOrderReader drafts;
    private final FhirContext fhir;
    private final LimitsProperties limits;

    OrderSignService(DraftOrderReader drafts, FhirContext fhir, LimitsProperties limits) {
        this.drafts = drafts;
        this.fhir = fhir;
        this.limits = limits;
    }

    @Override
    public String hook() {
        return OrderContext.ORDER_SIGN;
    }

    @Override
    public List<Finding> findings(HookRequest request, Pipeline.Run run) {
        OrderContext orders = OrderContext.read(request.context(), hook(), fhir, limits.maxPrefetchResources());
        return advice(drafts.read(orders.drafts(), orders.selections()), run);
    }

    /** Most orders are none of the rules' business: their call is answered without reading the chart. */
    static List<Finding> advice(DraftOrders drafted, Pipeline.Run run) {
        return run.readsAny(drafted) ? run.recommendations(drafted) : List.of();
    }
}
