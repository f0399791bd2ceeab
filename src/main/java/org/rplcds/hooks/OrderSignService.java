package org.rplcds.hooks;

import java.util.List;
import org.rplcds.facts.DraftOrders;
import org.rplcds.rules.Finding;
import org.springframework.stereotype.Component;

/** {@code order-sign}: every draft order of the call is read, and the advice on writing them. */
@Component
class OrderSignService implements CdsService {

    private final DraftOrderParsing drafts;

    OrderSignService(DraftOrderParsing drafts) {
        this.drafts = drafts;
    }

    @Override
    public String hook() {
        return "order-sign";
    }

    @Override
    public List<Finding> findings(HookRequest request, Pipeline.Run run) {
        return advice(drafts.read(request, false), run);
    }

    /** Most orders are none of the rules' business: their call is answered without reading the chart. */
    static List<Finding> advice(DraftOrders drafted, Pipeline.Run run) {
        return run.readsAny(drafted) ? run.recommendations(drafted) : List.of();
    }
}
