/** Clinician feedback on cards, stored durably and once per card and outcome. */
package org.rplcds.feedback;
