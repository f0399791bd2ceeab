/** Findings to CDS Hooks cards, suggestions and links: the response half of the wire model. */
package org.rplcds.cards;
