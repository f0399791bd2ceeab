package org.rplcds.system;

import java.time.Duration;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The settings the system layer reads, bound with every other {@code cds.*} setting by
 * {@code org.rplcds.CdsSettings}.
 *
 * @param fallback how the service reads missing prefetch from the client's FHIR server
 * @param evaluationDate {@code cds.evaluation-date}, a date that pins the evaluation date
 * @param evaluationDateOutsideDemo {@code cds.evaluation-date-outside-demo}: {@code allow} lets a
 *     pinned date run outside the demo profile
 */
public record CdsProperties(Fallback fallback, String evaluationDate, String evaluationDateOutsideDemo) {

    /** The fallback's bounds alone, for a FHIR server reader built outside the context. */
    public CdsProperties(Fallback fallback) {
        this(fallback, null, null);
    }

    /**
     * Bounds on reading from a client's FHIR server. A search is bounded by resources, bytes and
     * the call's deadline; the page count is only a guard against a server whose pages are empty.
     * The defaults are sized from Synthea charts: the 99th percentile chart is about 4 MB and
     * 4,000 resources in all, so no single search of one comes near 5,000 resources or 16 MB.
     *
     * @param connectTimeout bound on opening one connection to the FHIR server
     * @param totalTimeout bound on all reads of one hook call together
     * @param maxPages pages of one search followed through {@code next} links at most
     * @param maxConnections searches read at the same time, over all hook calls
     * @param maxSearchResources resources one search may answer, over all its pages
     * @param maxSearchBytes bytes one search may answer, over all its pages
     * @param onIncomplete what a hook call answers when the chart cannot be read whole
     * @param capabilitiesLifetime how long what a FHIR server's CapabilityStatement says is kept
     *     before it is read again
     * @param maxServers FHIR servers whose CapabilityStatement is kept at once
     * @param trustStore a trust store file (PKCS12 or JKS) of the certificate authorities of FHIR
     *     servers whose certificates a private CA signs; trusted beside the JVM's own. Unset: the
     *     JVM's trust store alone ({@code javax.net.ssl.trustStore} where set)
     * @param trustStorePassword its password, if it has one
     * @param trustStoreType its type: {@code PKCS12} or {@code JKS}
     */
    public record Fallback(
            @DefaultValue("1s") Duration connectTimeout,
            @DefaultValue("2s") Duration totalTimeout,
            @DefaultValue("1000") int maxPages,
            @DefaultValue("32") int maxConnections,
            @DefaultValue("5000") int maxSearchResources,
            @DefaultValue("16MB") DataSize maxSearchBytes,
            @DefaultValue("status") OnIncomplete onIncomplete,
            @DefaultValue("1h") Duration capabilitiesLifetime,
            @DefaultValue("200") int maxServers,
            String trustStore,
            String trustStorePassword,
            @DefaultValue("PKCS12") String trustStoreType) {

        @ConstructorBinding
        public Fallback {
            if (maxPages < 1 || maxConnections < 1 || maxSearchResources < 1 || maxServers < 1) {
                throw new IllegalArgumentException(
                        "cds.fallback.max-pages, max-connections, max-search-resources and max-servers must be at"
                                + " least 1");
            }
            if (maxSearchBytes.toBytes() < 1024) {
                throw new IllegalArgumentException("cds.fallback.max-search-bytes must be at least 1KB");
            }
        }

        /** The bounds alone; a chart that cannot be read answers 412. */
        public Fallback(
                Duration connectTimeout,
                Duration totalTimeout,
                int maxPages,
                int maxConnections,
                int maxSearchResources,
                DataSize maxSearchBytes) {
            this(
                    connectTimeout,
                    totalTimeout,
                    maxPages,
                    maxConnections,
                    maxSearchResources,
                    maxSearchBytes,
                    OnIncomplete.STATUS);
        }

        /** Without a trust store of the site's own: the JVM's alone. */
        public Fallback(
                Duration connectTimeout,
                Duration totalTimeout,
                int maxPages,
                int maxConnections,
                int maxSearchResources,
                DataSize maxSearchBytes,
                OnIncomplete onIncomplete,
                Duration capabilitiesLifetime,
                int maxServers) {
            this(
                    connectTimeout,
                    totalTimeout,
                    maxPages,
                    maxConnections,
                    maxSearchResources,
                    maxSearchBytes,
                    onIncomplete,
                    capabilitiesLifetime,
                    maxServers,
                    null,
                    null,
                    "PKCS12");
        }

        /** The bounds and what an incomplete chart answers; CapabilityStatements kept as by default. */
        public Fallback(
                Duration connectTimeout,
                Duration totalTimeout,
                int maxPages,
                int maxConnections,
                int maxSearchResources,
                DataSize maxSearchBytes,
                OnIncomplete onIncomplete) {
            this(
                    connectTimeout,
                    totalTimeout,
                    maxPages,
                    maxConnections,
                    maxSearchResources,
                    maxSearchBytes,
                    onIncomplete,
                    Duration.ofHours(1),
                    200);
        }
    }

    /** What a hook call answers when the data it needs was neither prefetched nor readable. */
    public enum OnIncomplete {
        /** 412 Precondition Failed with the reasons, as CDS Hooks 2.0 has it. */
        STATUS,
        /**
         * 200 with one info card saying the check was not done, for EHRs that show an error answer
         * as "no recommendations".
         */
        CARD
    }
}
