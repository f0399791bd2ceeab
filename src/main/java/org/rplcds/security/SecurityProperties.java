package org.rplcds.security;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The CDS client check, under {@code cds.security.*} (environment variables work:
 * {@code CDS_SECURITY_AUDIENCE}, {@code CDS_SECURITY_TRUSTEDCLIENTS_0_ISSUER}).
 *
 * @param enabled verify the client JWT on every endpoint (on, except in the demo profile)
 * @param audience this service's external base URL, which tokens must name as {@code aud}
 * @param clockSkew leeway on {@code exp} and {@code iat}
 * @param maxLifetime the longest {@code exp} ahead of now a token may have
 * @param jwksCacheTtl how long a fetched key set is used before it is fetched again
 * @param jwksTimeout bound on fetching a key set
 * @param trustedClients the CDS clients allowed in, by issuer
 */
@ConfigurationProperties("cds.security")
public record SecurityProperties(
        @DefaultValue("true") boolean enabled,
        String audience,
        @DefaultValue("60s") Duration clockSkew,
        @DefaultValue("5m") Duration maxLifetime,
        @DefaultValue("5m") Duration jwksCacheTtl,
        @DefaultValue("2s") Duration jwksTimeout,
        @DefaultValue List<TrustedClient> trustedClients) {

    /**
     * One CDS client.
     *
     * @param issuer the {@code iss} it signs with
     * @param jwksUrl where its keys are, when its tokens carry no {@code jku}
     * @param jkuAllowlist key-set URLs its tokens may name in {@code jku}; any other is refused
     */
    public record TrustedClient(String issuer, String jwksUrl, @DefaultValue List<String> jkuAllowlist) {}
}
