package org.rplcds.prefetch;

import io.micrometer.core.instrument.observation.MeterObservationHandler;
import io.micrometer.observation.Observation;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * No meters for a FHIR server read: {@code cds.fallback.fetches} counts them, and their observation
 * is there for the trace. First among the meter handlers, so that Spring Boot's default one, which
 * would time each read under its own name with the server's types as tags, leaves it alone.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class FhirReadMeters implements MeterObservationHandler<FhirRead> {

    @Override
    public boolean supportsContext(Observation.Context context) {
        return context instanceof FhirRead;
    }
}
