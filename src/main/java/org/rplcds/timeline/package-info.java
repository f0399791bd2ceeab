/** A patient's pregnancies, losses and work-up in date order, from the facts the rules read, for the viewer. */
package org.rplcds.timeline;
