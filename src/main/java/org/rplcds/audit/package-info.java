/**
 * The audit trail of hook calls, one FHIR R4 AuditEvent each, and the usage report a site's CDS
 * governance reads: what each recommendation gave and what clinicians did with it.
 */
package org.rplcds.audit;
