/** FHIR resources to clinical facts, with the terminology kept as data in fhir-resources/. */
package org.rplcds.facts;
