package org.rplcds.system;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Service settings under {@code cds.*}; every value can be set from the environment
 * ({@code CDS_FALLBACK_TOTALTIMEOUT=3s}).
 *
 * @param fallback how the service reads missing prefetch from the client's FHIR server
 */
@ConfigurationProperties("cds")
public record CdsProperties(@DefaultValue Fallback fallback) {

    /**
     * @param connectTimeout bound on opening one connection to the FHIR server
     * @param totalTimeout bound on all fetches of one hook call together
     * @param maxPages pages of one search followed through {@code next} links at most
     * @param maxConnections concurrent connections to FHIR servers
     */
    public record Fallback(
            @DefaultValue("1s") Duration connectTimeout,
            @DefaultValue("2s") Duration totalTimeout,
            @DefaultValue("20") int maxPages,
            @DefaultValue("32") int maxConnections) {}
}
