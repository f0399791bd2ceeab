package org.rplcds.hooks;

import ca.uhn.fhir.context.FhirContext;
import java.util.List;
import org.rplcds.facts.DraftOrderReader;
import org.rplcds.rules.Finding;
import org.springframework.stereotype.Component;

/** {@code order-select}: the selected draft orders are read, and the advice on writing them. */
@Component
class OrderSelectService implements CdsService {

    private final DraftOrderReader drafts;
    private final FhirContext fhir;
    private final LimitsProperties limits;

    OrderSelectService(DraftOrderReader drafts, FhirContext fhir, LimitsProperties limits) {
        this.drafts = drafts;
        this.fhir = fhir;
        this.limits = limits;
    }

    @Override
    public String hook() {
        return OrderContext.ORDER_SELECT;
    }

    @Override
    public List<Finding> findings(HookRequest request, Pipeline.Run run) {
        OrderContext orders = OrderContext.read(request.context(), hook(), fhir, limits.maxPrefetchResources());
        return OrderSignService.advice(drafts.read(orders.drafts(), orders.selections()), run);
    }
}
