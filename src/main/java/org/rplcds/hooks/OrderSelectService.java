package org.rplcds.hooks;

import java.util.List;
import org.rplcds.rules.Finding;
import org.springframework.stereotype.Component;

/** {@code order-select}: the selected draft orders are read, and the advice on writing them. */
@Component
class OrderSelectService implements CdsService {

    private final DraftOrderParsing drafts;

    OrderSelectService(DraftOrderParsing drafts) {
        this.drafts = drafts;
    }

    @Override
    public String hook() {
        return "order-select";
    }

    @Override
    public List<Finding> findings(HookRequest request, Pipeline.Run run) {
        return OrderSignService.advice(drafts.read(request, true), run);
    }
}
