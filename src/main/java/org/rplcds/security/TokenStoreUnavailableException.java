package org.rplcds.security;

/**
 * The store of used client tokens cannot be reached (its database is down): a token cannot be told
 * from a replay, so the call is answered 503, for the client to send again, never 401 as if the
 * token were bad.
 */
class TokenStoreUnavailableException extends RuntimeException {

    TokenStoreUnavailableException(Throwable cause) {
        super("client token store unavailable", cause, false, false);
    }
}
