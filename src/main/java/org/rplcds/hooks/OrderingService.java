package org.rplcds.hooks;

import java.util.List;
import org.rplcds.facts.DraftOrders;
import org.rplcds.rules.Finding;

/**
 * An ordering hook's service: the call's draft orders are read, and the advice on writing them.
 * The two hooks differ in which drafts they name and in nothing else.
 */
abstract class OrderingService implements CdsService {

    private final DraftOrderParsing drafts;
    private final boolean selected;

    /**
     * @param selected whether the hook names the selected orders ({@code order-select}) rather than
     *     all ({@code order-sign})
     */
    OrderingService(DraftOrderParsing drafts, boolean selected) {
        this.drafts = drafts;
        this.selected = selected;
    }

    @Override
    public final String hook() {
        return selected ? "order-select" : "order-sign";
    }

    /** Most orders are none of the rules' business: their call is answered without reading the chart. */
    @Override
    public final List<Finding> findings(HookRequest request, Pipeline.Run run) {
        DraftOrders drafted = drafts.read(request, selected);
        return run.readsAny(drafted) ? run.recommendations(drafted) : List.of();
    }
}
