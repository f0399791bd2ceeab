package org.rplcds.prefetch;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import org.rplcds.system.CdsProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * What each FHIR server says it supports, read from its CapabilityStatement once and kept for
 * {@code cds.fallback.capabilities-lifetime}, for at most {@code cds.fallback.max-servers}
 * servers (the least recently used goes first). Calls that need the same server at once share
 * one read. A server that gives no statement in time is read as {@link ServerProfile#UNKNOWN},
 * and asked again after a minute rather than on every call.
 */
@Component
class ServerProfiles {

    private static final Logger log = LoggerFactory.getLogger(ServerProfiles.class);

    /** How long a server that gave no statement is left before it is asked again. */
    static final Duration RETRY_AFTER = Duration.ofMinutes(1);

    /**
     * The longest a call waits for a statement: at most half what is left of its deadline, so that
     * the searches keep the rest.
     */
    static final Duration MAX_WAIT = Duration.ofMillis(1500);

    private final FhirServerReader reader;
    private final Duration lifetime;
    private final int maxServers;
    private final LongSupplier clock;
    private final Map<URI, Entry> entries;

    private record Entry(CompletableFuture<ServerProfile> profile, long expires) {}

    @Autowired
    ServerProfiles(FhirServerReader reader, CdsProperties properties) {
        this(
                reader,
                properties.fallback().capabilitiesLifetime(),
                properties.fallback().maxServers(),
                System::nanoTime);
    }

    ServerProfiles(FhirServerReader reader, Duration lifetime, int maxServers, LongSupplier clock) {
        this.reader = reader;
        this.lifetime = lifetime;
        this.maxServers = maxServers;
        this.clock = clock;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<URI, Entry> eldest) {
                return size() > ServerProfiles.this.maxServers;
            }
        };
    }

    /**
     * The server's profile: kept, or read now within what is left of the call's time.
     *
     * @param deadline when the call's reads must end ({@link System#nanoTime()})
     */
    ServerProfile profile(URI base, long deadline) {
        CompletableFuture<ServerProfile> profile;
        boolean mine = false;
        long now = clock.getAsLong();
        synchronized (entries) {
            Entry entry = entries.get(base);
            if (entry == null || entry.expires() - now < 0) {
                profile = new CompletableFuture<>();
                entries.put(base, new Entry(profile, now + RETRY_AFTER.toNanos()));
                mine = true;
            } else {
                profile = entry.profile();
            }
        }
        long wait = Math.min(MAX_WAIT.toNanos(), Math.max(0, (deadline - System.nanoTime()) / 2));
        if (mine) {
            Optional<ServerProfile> read = reader.metadata(base, Duration.ofNanos(wait))
                    .map(ServerProfile::of)
                    .filter(ServerProfile::read);
            ServerProfile result = read.orElse(ServerProfile.UNKNOWN);
            if (read.isPresent()) {
                synchronized (entries) {
                    entries.put(base, new Entry(profile, clock.getAsLong() + lifetime.toNanos()));
                }
                log.info(
                        "fhirServer capabilities read dialect={} types={}",
                        result.dialect(),
                        result.types().size());
            } else {
                log.info("fhirServer capabilities not read; searches are planned without them");
            }
            profile.complete(result);
            return result;
        }
        try {
            return profile.get(wait, TimeUnit.NANOSECONDS);
        } catch (TimeoutException | ExecutionException e) {
            return ServerProfile.UNKNOWN;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ServerProfile.UNKNOWN;
        }
    }
}
