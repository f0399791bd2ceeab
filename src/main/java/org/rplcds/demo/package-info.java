/** The demo: an in-memory, read-only FHIR R4 server under /fhir with synthetic patients. */
package org.rplcds.demo;
