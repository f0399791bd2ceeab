package org.rplcds.hooks;

/** The hook request does not have the shape CDS Hooks 2.0 gives it: 400. */
class MalformedRequestException extends RuntimeException {

    MalformedRequestException(String message) {
        super(message);
    }
}
