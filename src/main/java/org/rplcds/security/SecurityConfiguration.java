package org.rplcds.security;

import java.time.Clock;
import org.rplcds.CdsSettings;
import org.rplcds.SettingsConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Puts the client JWT check in front of {@code /cds-services/*}, the management endpoints and the
 * API description when {@code cds.security.enabled}. {@code /actuator/health} stays open for
 * probes; a separate {@code management.server.port} is outside this filter altogether.
 */
@Configuration(proxyBeanMethods = false)
@Import(SettingsConfiguration.class)
@ConditionalOnProperty(name = "cds.security.enabled", havingValue = "true", matchIfMissing = true)
class SecurityConfiguration {

    @Bean
    FilterRegistrationBean<ClientTokenFilter> clientTokenFilter(
            CdsSettings.Security settings, JdbcTemplate jdbc, Clock clock) {
        if (settings.audience() == null || settings.audience().isBlank()) {
            throw new IllegalStateException(
                    "cds.security.audience must be set to this service's external URL when cds.security.enabled is true");
        }
        if (settings.trustedClients().isEmpty()) {
            throw new IllegalStateException(
                    "cds.security.trusted-clients is empty: no CDS client could call the service; list them, or turn"
                            + " cds.security.enabled off for a closed network");
        }
        for (CdsSettings.Security.TrustedClient client : settings.trustedClients()) {
            for (String server : client.fhirServers()) {
                if (!server.regionMatches(true, 0, "https://", 0, 8)
                        || java.net.URI.create(server).getHost() == null) {
                    throw new IllegalStateException("cds.security.trusted-clients: fhir-servers of " + client.issuer()
                            + " must be https URLs, not '" + server + "'");
                }
            }
        }
        var verifier =
                new ClientTokenVerifier(settings, new KeySets(settings, clock), new TokenUses(jdbc, clock), clock);
        var registration = new FilterRegistrationBean<>(new ClientTokenFilter(verifier, settings));
        registration.addUrlPatterns(
                "/cds-services",
                "/cds-services/*",
                "/actuator",
                "/actuator/*",
                "/v3/api-docs",
                "/v3/api-docs/*",
                "/swagger-ui.html",
                "/swagger-ui/*",
                "/governance/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    /** After the client token check: the audit trail and the usage report, to governance clients only. */
    @Bean
    FilterRegistrationBean<GovernanceFilter> governanceFilter(CdsSettings.Security settings) {
        var registration = new FilterRegistrationBean<>(new GovernanceFilter(settings));
        registration.addUrlPatterns("/governance/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 11);
        return registration;
    }
}
