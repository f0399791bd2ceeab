package org.rplcds.security;

/** A CDS client token that does not pass; the reason is logged, never returned. */
class InvalidClientTokenException extends Exception {

    InvalidClientTokenException(String reason) {
        super(reason, null, false, false);
    }
}
