package org.rplcds.hooks;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Bounds on what a client may send, and which browser origins may call (under {@code cds.http.*}).
 *
 * @param maxBodyBytes a request body larger than this is refused with 413
 * @param maxPrefetchResources more resources than this in the prefetch are refused with 413
 * @param maxJsonDepth JSON nested deeper than this is refused with 400
 * @param corsAllowedOrigins browser origins allowed to call the service ({@code *} for any)
 */
@ConfigurationProperties("cds.http")
record LimitsProperties(
        @DefaultValue("10485760") long maxBodyBytes,
        @DefaultValue("20000") int maxPrefetchResources,
        @DefaultValue("64") int maxJsonDepth,
        @DefaultValue("*") List<String> corsAllowedOrigins) {}
