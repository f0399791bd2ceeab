package org.rplcds.prefetch;

/**
 * Where a call's reads of the client's FHIR server are told, one search at a time, for the audit
 * trail: what was read and how it ended, never the query's values, a token or a resource.
 */
@FunctionalInterface
public interface FhirReads {

    /** Told nowhere. */
    FhirReads NONE = (server, resourceType, pages, resources, status) -> {};

    /**
     * @param server the FHIR base URL
     * @param resourceType the type searched
     * @param pages pages read
     * @param resources resources read
     * @param status {@code complete}, or why the search is not (as the 412 answer would say it)
     */
    void read(String server, String resourceType, int pages, int resources, String status);
}
