package org.rplcds.security;

import java.time.Clock;
import org.rplcds.CdsSettings;
import org.rplcds.SettingsConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.function.SingletonSupplier;

/**
 * Puts the client JWT check in front of {@code /cds-services/*}, the management endpoints and the
 * API description when {@code cds.security.enabled}. {@code /actuator/health} stays open for
 * probes; a separate {@code management.server.port} is outside this filter altogether.
 */
@Configuration(proxyBeanMethods = false)
@Import(SettingsConfiguration.class)
@ConditionalOnProperty(name = "cds.security.enabled", havingValue = "true", matchIfMissing = true)
class SecurityConfiguration {

    /** The security settings, checked before the web server starts. */
    @Bean
    TrustedClients trustedClients(CdsSettings.Security settings) {
        return new TrustedClients(settings);
    }

    @Bean
    ClientTokenVerifier clientTokenVerifier(
            CdsSettings.Security settings, TrustedClients clients, JdbcTemplate jdbc, Clock clock) {
        return new ClientTokenVerifier(
                settings, clients, new KeySets(settings, clock), new TokenUses(jdbc, clock), clock);
    }

    /**
     * The filter takes the verifier when the first call comes: the server builds its filters as it
     * starts, and the verifier needs the database, which is opened after that.
     */
    @Bean
    FilterRegistrationBean<ClientTokenFilter> clientTokenFilter(
            CdsSettings.Security settings, ObjectProvider<ClientTokenVerifier> verifier) {
        var registration = new FilterRegistrationBean<>(
                new ClientTokenFilter(SingletonSupplier.of(verifier::getObject), settings));
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
