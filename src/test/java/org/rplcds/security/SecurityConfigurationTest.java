package org.rplcds.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

@DisplayName("Security configuration")
class SecurityConfigurationTest {

    @Configuration(proxyBeanMethods = false)
    static class Clocked {
        @Bean
        Clock clock() {
            return Clock.systemUTC();
        }

        @Bean
        JdbcTemplate jdbc() {
            return new JdbcTemplate(new DriverManagerDataSource("jdbc:h2:mem:security-configuration"));
        }
    }

    final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ConfigurationPropertiesAutoConfiguration.class))
            .withUserConfiguration(Clocked.class, SecurityConfiguration.class);

    @Test
    @DisplayName("Should check tokens unless turned off")
    void onByDefault() {
        context.withPropertyValues(
                        "cds.security.audience=https://cds.example.org",
                        "cds.security.trusted-clients[0].issuer=https://ehr.example.org",
                        "cds.security.trusted-clients[0].jwks-url=https://ehr.example.org/jwks.json")
                .run(ctx -> assertThat(ctx)
                        .hasBean("clientTokenFilter")
                        .hasBean("governanceFilter")
                        .getBeans(FilterRegistrationBean.class)
                        .hasSize(2));
        context.withPropertyValues("cds.security.enabled=false")
                .run(ctx -> assertThat(ctx).doesNotHaveBean(FilterRegistrationBean.class));
    }

    @Test
    @DisplayName("Should refuse to start without an audience or without trusted clients")
    void refusesIncompleteSettings() {
        context.run(ctx -> assertThat(ctx).getFailure().rootCause().hasMessageContaining("cds.security.audience"));
        context.withPropertyValues("cds.security.audience=https://cds.example.org")
                .run(ctx -> assertThat(ctx).getFailure().rootCause().hasMessageContaining("trusted-clients"));
    }

    @Test
    @DisplayName("Should refuse to start when a pinned key set cannot be read")
    void refusesUnreadablePinnedKeys() {
        context.withPropertyValues(
                        "cds.security.audience=https://cds.example.org",
                        "cds.security.trusted-clients[0].issuer=https://ehr.example.org",
                        "cds.security.trusted-clients[0].jwks=/nonexistent/jwks.json")
                .run(ctx -> assertThat(ctx).getFailure().rootCause().hasMessageContaining("/nonexistent/jwks.json"));
        context.withPropertyValues(
                        "cds.security.audience=https://cds.example.org",
                        "cds.security.trusted-clients[0].issuer=https://ehr.example.org",
                        "cds.security.trusted-clients[0].jwks={\"keys\":[]}")
                .run(ctx -> assertThat(ctx).getFailure().hasStackTraceContaining("no public key"));
    }
}
