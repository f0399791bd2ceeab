/**
 * One class per recommendation, each in the shape of {@link org.rplcds.rules.Rule}, reading the
 * facts and the derived facts ({@link org.rplcds.rules.derived}) of one {@link
 * org.rplcds.rules.Assessment}, never another recommendation; {@link
 * org.rplcds.rules.Recommendations} runs each once per call. Rules see facts only, never FHIR,
 * HTTP, Spring or markup.
 */
package org.rplcds.rules;
