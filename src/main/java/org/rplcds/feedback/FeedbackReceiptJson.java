package org.rplcds.feedback;

/**
 * What became of the feedback records of one request.
 *
 * @param received records in the request
 * @param stored records newly stored
 * @param duplicates records already stored before (same card and outcome)
 */
public record FeedbackReceiptJson(int received, int stored, int duplicates) {}
