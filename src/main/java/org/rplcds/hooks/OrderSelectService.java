package org.rplcds.hooks;

import org.springframework.stereotype.Component;

/** {@code order-select}: the selected draft orders are read, and the advice on writing them. */
@Component
class OrderSelectService extends OrderingService {

    OrderSelectService(DraftOrderParsing drafts) {
        super(drafts, true);
    }
}
