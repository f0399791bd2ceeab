/** One class per recommendation; rules see facts only, never FHIR, HTTP or Spring web types. */
package org.rplcds.rules;
