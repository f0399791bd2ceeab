package org.rplcds.hooks;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParserErrorHandler;
import org.rplcds.facts.DraftOrderReader;
import org.springframework.stereotype.Component;

/** {@code order-sign}: every draft order of the call is read. */
@Component
class OrderSignService extends OrderService {

    OrderSignService(DraftOrderReader drafts, FhirContext fhir, IParserErrorHandler errors, LimitsProperties limits) {
        super(drafts, fhir, errors, limits);
    }

    @Override
    public String hook() {
        return "order-sign";
    }

    @Override
    boolean selects() {
        return false;
    }
}
