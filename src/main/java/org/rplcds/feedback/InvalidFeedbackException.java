package org.rplcds.feedback;

/** A feedback request not shaped as CDS Hooks 2.0 describes: nothing of it is stored. */
public class InvalidFeedbackException extends RuntimeException {

    public InvalidFeedbackException(String message) {
        super(message);
    }
}
