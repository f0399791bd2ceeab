package org.rplcds;

import org.rplcds.audit.AuditSettings;
import org.rplcds.facts.TerminologySettings;
import org.rplcds.system.CdsProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Binds every {@code cds.*} setting once ({@link CdsSettings}) and offers each group to the
 * package that uses it, so that a class asks for {@code CdsSettings.Http}, not for the whole.
 * A configuration that needs settings imports this one.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CdsSettings.class)
public class SettingsConfiguration {

    @Bean
    CdsSettings.Guidelines guidelines(CdsSettings settings) {
        return settings.guidelines();
    }

    @Bean
    CdsSettings.Ui ui(CdsSettings settings) {
        return settings.ui();
    }

    @Bean
    CdsSettings.Http http(CdsSettings settings) {
        return settings.http();
    }

    @Bean
    CdsSettings.Security security(CdsSettings settings) {
        return settings.security();
    }

    @Bean
    AuditSettings auditSettings(CdsSettings settings) {
        return settings.audit();
    }

    @Bean
    TerminologySettings terminologySettings(CdsSettings settings) {
        return settings.terminology();
    }

    /** What the system layer reads: the fallback's bounds and the evaluation date. */
    @Bean
    CdsProperties system(CdsSettings settings) {
        return new CdsProperties(settings.fallback(), settings.evaluationDate(), settings.evaluationDateOutsideDemo());
    }
}
