package org.rplcds.audit;

import ca.uhn.fhir.context.FhirContext;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * The audit trail: each call stored as a FHIR R4 AuditEvent before it is answered, so that a call a
 * client saw answered is in the trail, as feedback is; read back by patient and date; deleted past
 * its retention, by every replica (deleting twice deletes nothing more).
 */
@Service
public class AuditTrail implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(AuditTrail.class);

    private final AuditRepository events;
    private final AuditEvents fhir;
    private final AuditSettings settings;
    private final Clock clock;
    private final ScheduledExecutorService purger;

    AuditTrail(
            AuditRepository events,
            FhirContext fhir,
            AuditSettings settings,
            Clock clock,
            @Value("${spring.application.name:recurrent-miscarriage-cds}") String application) {
        this.events = events;
        this.fhir = new AuditEvents(fhir, application);
        this.settings = settings;
        this.clock = clock;
        this.purger = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "audit-purge");
            thread.setDaemon(true);
            return thread;
        });
        if (settings.enabled()) {
            long every = settings.purgeInterval().toMillis();
            purger.scheduleWithFixedDelay(this::purgeQuietly, Math.min(every, 60_000), every, TimeUnit.MILLISECONDS);
        }
    }

    public boolean enabled() {
        return settings.enabled();
    }

    /**
     * Stores the call, answered with {@code status}, as an AuditEvent; its id.
     *
     * @throws AuditStoreUnavailableException when the database cannot store it
     */
    public Optional<String> record(AuditedCall call, int status) {
        if (!settings.enabled()) {
            return Optional.empty();
        }
        String id = UUID.randomUUID().toString();
        Instant recorded = clock.instant();
        events.store(id, call, status, recorded, fhir.json(id, call, status, recorded));
        return Optional.of(id);
    }

    /** A page of the events of one patient, or of all, recorded in {@code [from, until)}. */
    public Page search(Optional<String> patient, Instant from, Instant until, int offset, int count) {
        AuditRepository.Found found = events.search(patient, from, until, offset, count);
        return new Page(
                found.total(),
                found.events().stream()
                        .map(e -> new Event(e.id(), e.resource()))
                        .toList());
    }

    /** One event, by its id. */
    public Optional<Event> read(String id) {
        return events.read(id).map(e -> new Event(e.id(), e.resource()));
    }

    /** The recommendation a card belongs to, when the trail holds a call that gave it. */
    public Optional<String> ruleOf(String serviceId, String cardUuid) {
        return events.ruleOf(serviceId, cardUuid);
    }

    /** Deletes the events older than the retention, as of {@code now}; how many. */
    public int purge(Instant now) {
        int deleted = events.purge(now.minus(settings.retention()));
        if (deleted > 0) {
            log.info("audit events past their retention deleted count={} retention={}", deleted, settings.retention());
        }
        return deleted;
    }

    private void purgeQuietly() {
        try {
            purge(clock.instant());
        } catch (AuditStoreUnavailableException e) {
            log.warn(
                    "audit events past their retention not deleted: database unavailable; next try in {}",
                    settings.purgeInterval());
        } catch (RuntimeException e) {
            log.error(
                    "audit events past their retention not deleted: {}",
                    e.getClass().getName());
        }
    }

    @Override
    public void destroy() {
        purger.shutdownNow();
    }

    /** A stored event: its id and its AuditEvent as JSON. */
    public record Event(String id, String json) {}

    /** A page of stored events and how many the search found in all. */
    public record Page(int total, java.util.List<Event> events) {}
}
