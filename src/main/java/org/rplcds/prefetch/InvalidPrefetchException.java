package org.rplcds.prefetch;

/** A prefetch value the client sent is not a FHIR R4 resource: the request is malformed. */
public class InvalidPrefetchException extends RuntimeException {

    public InvalidPrefetchException(String message) {
        super(message);
    }
}
