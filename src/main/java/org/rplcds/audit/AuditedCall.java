package org.rplcds.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What one call to the service did, gathered as it runs and stored once it is answered: who called,
 * for which service and patient, what it read from the client's FHIR server, the cards it gave and
 * kept back, and the HTTP status of the answer. Never a token nor the content of a resource.
 */
public final class AuditedCall {

    /** What the call asked for. */
    public enum Kind {
        /** A CDS Hooks call: cards. */
        HOOK("hook"),
        /** The card viewer's chart: the cards and the timeline. */
        CHART("chart"),
        /** The card viewer's timeline: the facts by date, no cards. */
        TIMELINE("timeline");

        private final String code;

        Kind(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    /** How a finding's card reached the clinician, or why it did not. */
    public enum Disposition {
        /** Returned in the answer. */
        SHOWN("shown"),
        /** Its recommendation runs silent: evaluated, never returned. */
        SILENT("silent"),
        /** The clinician overrode it recently for a reason the site snoozes. */
        SNOOZED("snoozed");

        private final String code;

        Disposition(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    /**
     * One search or read of the client's FHIR server.
     *
     * @param server the FHIR base URL
     * @param resourceType the type searched
     * @param pages pages read
     * @param resources resources read
     * @param status {@code complete}, or why the read is not (safe to show: no patient data)
     */
    public record Read(String server, String resourceType, int pages, int resources, String status) {}

    /** A card of the call: its uuid, its recommendation and what became of it. */
    public record Card(String uuid, String ruleId, Disposition disposition) {}

    private final Instant started;
    private final Kind kind;
    private final String serviceId;
    private final Optional<String> clientIssuer;
    private final Optional<String> clientSubject;
    private String hook;
    private String hookInstance;
    private String patient;
    private String userId;
    private final List<Read> reads = new ArrayList<>();
    private final List<Card> cards = new ArrayList<>();

    /**
     * @param clientIssuer the verified client's {@code iss}; empty when client tokens are not checked
     * @param clientSubject its {@code sub}, when the token has one
     */
    public AuditedCall(
            Instant started,
            Kind kind,
            String serviceId,
            Optional<String> clientIssuer,
            Optional<String> clientSubject) {
        this.started = started;
        this.kind = kind;
        this.serviceId = serviceId;
        this.clientIssuer = clientIssuer;
        this.clientSubject = clientSubject;
    }

    /** What the request says of itself, once it is read. */
    public synchronized void request(
            String hook, Optional<String> hookInstance, String patientId, Optional<String> userId) {
        this.hook = hook;
        this.hookInstance = hookInstance.orElse(null);
        this.patient = patientId == null ? null : "Patient/" + patientId;
        this.userId = userId.orElse(null);
    }

    public synchronized void read(Read read) {
        reads.add(read);
    }

    public synchronized void card(Card card) {
        cards.add(card);
    }

    public Instant started() {
        return started;
    }

    public Kind kind() {
        return kind;
    }

    public String serviceId() {
        return serviceId;
    }

    public Optional<String> clientIssuer() {
        return clientIssuer;
    }

    public Optional<String> clientSubject() {
        return clientSubject;
    }

    public synchronized Optional<String> hook() {
        return Optional.ofNullable(hook);
    }

    public synchronized Optional<String> hookInstance() {
        return Optional.ofNullable(hookInstance);
    }

    /** The patient as a FHIR reference, {@code Patient/123}. */
    public synchronized Optional<String> patient() {
        return Optional.ofNullable(patient);
    }

    public synchronized Optional<String> userId() {
        return Optional.ofNullable(userId);
    }

    public synchronized List<Read> reads() {
        return List.copyOf(reads);
    }

    public synchronized List<Card> cards() {
        return List.copyOf(cards);
    }
}
