package org.rplcds.feedback;

/**
 * What became of the feedback records of one request.
 *
 * @param received records in the request
 * @param stored records newly stored
 * @param duplicates exact resends of records stored before (same card, outcome,
 *     outcomeTimestamp, accepted suggestions and override reason)
 */
public record FeedbackReceiptJson(int received, int stored, int duplicates) {}
