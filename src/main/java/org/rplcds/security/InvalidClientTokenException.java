package org.rplcds.security;

/**
 * A CDS client token that does not pass; logged with what was received and what was expected, never
 * returned to the caller.
 */
class InvalidClientTokenException extends Exception {

    private final String expected;
    private final String received;

    /** @param reason why the token does not pass, in words of ours alone */
    InvalidClientTokenException(String reason) {
        this(reason, null, null);
    }

    /**
     * @param reason why the token does not pass, in words of ours alone
     * @param expected what would have passed ({@code aud https://cds.example.org}), escaped for the log
     */
    InvalidClientTokenException(String reason, String expected) {
        this(reason, expected, null);
    }

    private InvalidClientTokenException(String reason, String expected, String received) {
        super(reason, null, false, false);
        this.expected = expected;
        this.received = received;
    }

    /** The same refusal, with what the token carried ({@code alg=ES384 kid=k1 ...}), escaped for the log. */
    InvalidClientTokenException received(String carried) {
        return new InvalidClientTokenException(getMessage(), expected, carried);
    }

    /** What would have passed; null when the reason says it all. */
    String expected() {
        return expected;
    }

    /** What the token carried; null when it could not be read. */
    String received() {
        return received;
    }
}
