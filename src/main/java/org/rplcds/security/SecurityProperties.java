package org.rplcds.security;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The CDS client check, under {@code cds.security.*} (environment variables work:
 * {@code CDS_SECURITY_AUDIENCE}, {@code CDS_SECURITY_TRUSTEDCLIENTS_0_ISSUER}).
 *
 * @param enabled verify the client JWT on every endpoint (on, except in the demo profile)
 * @param audience this service's external base URL, which tokens must name as {@code aud}
 * @param clockSkew leeway on {@code exp} and {@code iat}
 * @param maxLifetime the longest a token may live: from {@code iat} to {@code exp}, and from now to
 *     {@code exp}
 * @param jwksCacheTtl how long a fetched key set is used before it is fetched again
 * @param jwksTimeout bound on fetching a key set, body included
 * @param jwksMaxSize the largest key set read; a larger one is a failed fetch
 * @param jwksFailureTtl how long a failed fetch is remembered: no refetch of that URL meanwhile
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
        @DefaultValue("64KB") DataSize jwksMaxSize,
        @DefaultValue("30s") Duration jwksFailureTtl,
        @DefaultValue List<TrustedClient> trustedClients) {

    /**
     * One CDS client.
     *
     * @param issuer the {@code iss} it signs with
     * @param jwks its key set pinned here, as a JWKS document or the path of a file holding one;
     *     when set, its keys are the only ones and {@code jku} is ignored
     * @param jwksUrl where its keys are, when its tokens carry no {@code jku}
     * @param jkuAllowlist key-set URLs its tokens may name in {@code jku}; any other is refused
     * @param fhirServers the {@code fhirServer} base URLs its calls may name (https, matched by
     *     scheme, host, port and path prefix); none listed: any https server at a public address
     */
    public record TrustedClient(
            String issuer,
            String jwks,
            String jwksUrl,
            @DefaultValue List<String> jkuAllowlist,
            @DefaultValue List<String> fhirServers) {}
}
