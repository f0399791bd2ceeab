/**
 * Findings to CDS Hooks cards: markdown from the structured detail, suggestions and links; the
 * response half of the wire model.
 */
package org.rplcds.cards;
