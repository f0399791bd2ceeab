package org.rplcds.hooks;

import org.springframework.stereotype.Component;

/** {@code order-sign}: every draft order of the call is read, and the advice on writing them. */
@Component
class OrderSignService extends OrderingService {

    OrderSignService(DraftOrderParsing drafts) {
        super(drafts, false);
    }
}
