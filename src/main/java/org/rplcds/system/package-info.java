/** Cross-cutting configuration: the clock, the shared FHIR context, service settings. */
package org.rplcds.system;
