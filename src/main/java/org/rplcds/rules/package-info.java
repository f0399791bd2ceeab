/**
 * One class per recommendation, each in the shape of {@link org.rplcds.rules.Rule}, reading the
 * derived facts of one {@link org.rplcds.rules.Assessment}; rules see facts only, never FHIR, HTTP,
 * Spring or markup.
 */
package org.rplcds.rules;
