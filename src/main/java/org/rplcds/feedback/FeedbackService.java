package org.rplcds.feedback;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.rplcds.audit.AuditStoreUnavailableException;
import org.rplcds.audit.AuditTrail;
import org.rplcds.audit.UsageReport;
import org.springframework.stereotype.Service;

/** Reads a CDS Hooks 2.0 feedback request and stores each distinct record once. */
@Service
public class FeedbackService {

    static final int MAX_RECORDS = 500;
    private static final Set<String> OUTCOMES = Set.of("accepted", "overridden");
    private static final int MAX_TEXT = 4000;

    private final FeedbackRepository feedback;
    private final MeterRegistry metrics;
    private final AuditTrail trail;

    FeedbackService(FeedbackRepository feedback, MeterRegistry metrics, AuditTrail trail) {
        this.feedback = feedback;
        this.metrics = metrics;
        this.trail = trail;
    }

    /**
     * The overrides with a coded reason of the cards given in {@code [since, until)}: what decides
     * which cards the service does not show again yet.
     */
    public List<CardOverride> overrides(String serviceId, Collection<String> cards, Instant since, Instant until) {
        return feedback.overrides(serviceId, cards, since, until);
    }

    /**
     * Validates every record first, so that a malformed request stores nothing, then stores each.
     */
    public FeedbackReceiptJson record(String serviceId, JsonNode body) {
        List<Feedback> records = read(serviceId, body);
        int stored = 0;
        for (Feedback record : records) {
            boolean isNew = feedback.store(record);
            if (isNew) {
                stored++;
            }
            metrics.counter("cds.feedback", "outcome", record.outcome(), "stored", isNew ? "new" : "duplicate")
                    .increment();
            if (isNew) {
                count(record);
            }
        }
        return new FeedbackReceiptJson(records.size(), stored, records.size() - stored);
    }

    /**
     * {@code cds.cards.feedback} by service, rule, outcome and reason, as the usage report counts
     * them. Each label has a bounded set of values whatever clients send: the rule is one the audit
     * trail recorded for the card ({@code unknown} otherwise), the reason a code the cards offer,
     * {@code other} or {@code none}; the service was checked before.
     */
    private void count(Feedback record) {
        String rule;
        try {
            rule = trail.ruleOf(record.serviceId(), record.card()).orElse(UsageReport.UNKNOWN_RULE);
        } catch (AuditStoreUnavailableException e) {
            rule = UsageReport.UNKNOWN_RULE;
        }
        metrics.counter(
                        "cds.cards.feedback",
                        "service",
                        record.serviceId(),
                        "rule",
                        rule,
                        "outcome",
                        record.outcome(),
                        "reason",
                        "accepted".equals(record.outcome())
                                ? "-"
                                : UsageReport.reason(record.reasonSystem(), record.reasonCode()))
                .increment();
    }

    private static List<Feedback> read(String serviceId, JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new InvalidFeedbackException("request body must be a JSON object");
        }
        JsonNode items = body.get("feedback");
        if (items == null && body.has("card")) {
            // Before the CDS Hooks 1.0 wrapper some clients sent one record bare: accepted as one.
            items = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance
                    .arrayNode()
                    .add(body);
        }
        if (items == null || !items.isArray() || items.isEmpty()) {
            throw new InvalidFeedbackException("feedback must be a non-empty array");
        }
        if (items.size() > MAX_RECORDS) {
            throw new InvalidFeedbackException("at most " + MAX_RECORDS + " feedback records per request");
        }
        List<Feedback> records = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            records.add(item(serviceId, items.get(i), "feedback[" + i + "]"));
        }
        return records;
    }

    private static Feedback item(String serviceId, JsonNode item, String path) {
        if (!item.isObject()) {
            throw new InvalidFeedbackException(path + " must be a JSON object");
        }
        String card = text(item, "card", path);
        if (card.length() > 100) {
            throw new InvalidFeedbackException(path + ".card must be a card uuid");
        }
        String outcome = text(item, "outcome", path);
        if (!OUTCOMES.contains(outcome)) {
            throw new InvalidFeedbackException(path + ".outcome must be accepted or overridden");
        }
        Instant timestamp = timestamp(text(item, "outcomeTimestamp", path), path);
        JsonNode accepted = item.get("acceptedSuggestions");
        if ("accepted".equals(outcome)) {
            if (accepted == null || !accepted.isArray() || accepted.isEmpty()) {
                throw new InvalidFeedbackException(path + ".acceptedSuggestions is required for an accepted outcome");
            }
            for (JsonNode suggestion : accepted) {
                if (!suggestion.isObject() || !suggestion.path("id").isTextual()) {
                    throw new InvalidFeedbackException(path + ".acceptedSuggestions entries need an id");
                }
            }
        }
        JsonNode overrideReason = item.get("overrideReason");
        String reasonSystem = null;
        String reasonCode = null;
        if (overrideReason != null && !overrideReason.isNull()) {
            if (!overrideReason.isObject()) {
                throw new InvalidFeedbackException(path + ".overrideReason must be a JSON object");
            }
            JsonNode reason = overrideReason.get("reason");
            if (reason != null && !reason.isNull()) {
                if (!(reason.isObject() && reason.path("code").isTextual())) {
                    throw new InvalidFeedbackException(path + ".overrideReason.reason must be a Coding with a code");
                }
                JsonNode system = reason.get("system");
                if (system != null && !system.isNull() && !system.isTextual()) {
                    throw new InvalidFeedbackException(path + ".overrideReason.reason.system must be a string");
                }
                // CDS Hooks lets a client offer its own reasons beside the card's: any coded reason is stored.
                reasonCode = reason.get("code").asText();
                reasonSystem = system == null || system.isNull() ? null : system.asText();
            }
            JsonNode comment = overrideReason.get("userComment");
            if (comment != null && !comment.isNull() && !comment.isTextual()) {
                throw new InvalidFeedbackException(path + ".overrideReason.userComment must be a string");
            }
        }
        return new Feedback(
                serviceId,
                card,
                outcome,
                timestamp,
                json(accepted, path + ".acceptedSuggestions"),
                json(overrideReason, path + ".overrideReason"),
                reasonSystem,
                reasonCode);
    }

    private static String text(JsonNode item, String field, String path) {
        JsonNode value = item.get(field);
        if (value == null || value.isNull()) {
            throw new InvalidFeedbackException(path + "." + field + " is required");
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new InvalidFeedbackException(path + "." + field + " must be a non-empty string");
        }
        return value.asText();
    }

    private static Instant timestamp(String value, String path) {
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidFeedbackException(path + ".outcomeTimestamp must be an ISO 8601 date-time with offset");
        }
    }

    private static String json(JsonNode node, String path) {
        if (node == null || node.isNull()) {
            return null;
        }
        String text = node.toString();
        if (text.length() > MAX_TEXT) {
            throw new InvalidFeedbackException(path + " is too long");
        }
        return text;
    }
}
