package org.rplcds.hooks;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.rplcds.audit.AuditedCall;

/** An endpoint each call of which the audit trail records ({@link CallAuditing}). */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@interface Audited {

    /** What a call of the endpoint asks for. */
    AuditedCall.Kind value();
}
