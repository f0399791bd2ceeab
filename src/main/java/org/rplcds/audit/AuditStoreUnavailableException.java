package org.rplcds.audit;

/** The audit trail cannot be written or read now; the call may be sent again. */
public class AuditStoreUnavailableException extends RuntimeException {

    public AuditStoreUnavailableException(Throwable cause) {
        super("audit trail unavailable", cause);
    }
}
