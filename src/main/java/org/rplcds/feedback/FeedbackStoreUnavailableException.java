package org.rplcds.feedback;

/** The feedback store cannot be written now; the client may send the same feedback again. */
public class FeedbackStoreUnavailableException extends RuntimeException {

    public FeedbackStoreUnavailableException(Throwable cause) {
        super("feedback store unavailable", cause);
    }
}
