package org.rplcds.prefetch;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Data the service needs was neither prefetched nor readable from the FHIR server. Per the CDS
 * Hooks specification the service answers 412 Precondition Failed.
 */
public class MissingPrefetchException extends RuntimeException {

    private final Map<String, String> reasons;

    public MissingPrefetchException(Map<String, String> reasons) {
        super("prefetch data missing and not readable from fhirServer: " + reasons.keySet());
        this.reasons = Collections.unmodifiableMap(new LinkedHashMap<>(reasons));
    }

    /** Why each missing key could not be had, by prefetch key; never patient data or tokens. */
    public Map<String, String> reasons() {
        return reasons;
    }
}
