package org.rplcds.hooks;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParserErrorHandler;
import org.rplcds.facts.DraftOrderReader;
import org.springframework.stereotype.Component;

/** {@code order-select}: the selected draft orders of the call are read. */
@Component
class OrderSelectService extends OrderService {

    OrderSelectService(DraftOrderReader drafts, FhirContext fhir, IParserErrorHandler errors, LimitsProperties limits) {
        super(drafts, fhir, errors, limits);
    }

    @Override
    public String hook() {
        return "order-select";
    }

    @Override
    boolean selects() {
        return true;
    }
}
