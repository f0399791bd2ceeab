/** Clinician feedback on cards, stored durably, every distinct event once. */
package org.rplcds.feedback;
