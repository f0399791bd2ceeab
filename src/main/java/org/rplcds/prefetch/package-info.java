/**
 * Prefetch map to FHIR resources: templates, the fhirServer fallback, and "null means known
 * absent".
 */
package org.rplcds.prefetch;
