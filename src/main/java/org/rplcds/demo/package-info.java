/**
 * The demo: an in-memory, read-only FHIR R4 server under /fhir with synthetic patients and their
 * list for the card viewer; where client tokens are checked, the page that says the viewer needs
 * the demo.
 */
package org.rplcds.demo;
