package org.rplcds.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rplcds.system.InvalidSettingException;
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

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                "no issuer | cds.security.trusted-clients[0].jwks-url=https://ehr.example.org/jwks.json"
                        + " | cds.security.trusted-clients[0].issuer is not set",
                "no key set | cds.security.trusted-clients[0].issuer=https://ehr.example.org"
                        + " | cds.security.trusted-clients[0] (https://ehr.example.org) names no key set",
                "a key-set URL that is none | cds.security.trusted-clients[0].issuer=https://ehr.example.org,"
                        + "cds.security.trusted-clients[0].jwks-url=ehr.example.org/jwks.json"
                        + " | cds.security.trusted-clients[0].jwks-url is not a URL: 'ehr.example.org/jwks.json'",
                "an http fhirServer | cds.security.trusted-clients[0].issuer=https://ehr.example.org,"
                        + "cds.security.trusted-clients[0].jwks-url=https://ehr.example.org/jwks.json,"
                        + "cds.security.trusted-clients[0].fhir-servers[0]=http://fhir.example.org"
                        + " | cds.security.trusted-clients[0].fhir-servers[0] of https://ehr.example.org is not an https"
                        + " URL",
                "an issuer twice | cds.security.trusted-clients[0].issuer=https://ehr.example.org,"
                        + "cds.security.trusted-clients[0].jwks-url=https://ehr.example.org/jwks.json,"
                        + "cds.security.trusted-clients[1].issuer=https://ehr.example.org,"
                        + "cds.security.trusted-clients[1].jwks-url=https://ehr.example.org/other.json"
                        + " | cds.security.trusted-clients[1].issuer: https://ehr.example.org is listed twice"
            })
    @DisplayName("Should refuse to start on a client that could never be let in, naming the setting")
    void refusesUnusableClients(String name, String settings, String report) {
        context.withPropertyValues("cds.security.audience=https://cds.example.org")
                .withPropertyValues(settings.split(","))
                .run(ctx -> {
                    assertThat(ctx).hasFailed();
                    Throwable root = ctx.getStartupFailure();
                    while (!(root instanceof InvalidSettingException) && root.getCause() != null) {
                        root = root.getCause();
                    }
                    assertThat(root).isInstanceOf(InvalidSettingException.class).hasMessageStartingWith(report);
                    assertThat(((InvalidSettingException) root).action()).contains("Secure it");
                });
    }

    @Test
    @DisplayName("Should name the setting, the issuer and the file of a pinned key set it cannot read")
    void namesThePinnedKeySet() {
        context.withPropertyValues(
                        "cds.security.audience=https://cds.example.org",
                        "cds.security.trusted-clients[0].issuer=https://ehr.example.org",
                        "cds.security.trusted-clients[0].jwks=/nonexistent/jwks.json")
                .run(ctx -> assertThat(ctx)
                        .getFailure()
                        .rootCause()
                        .isInstanceOf(InvalidSettingException.class)
                        .hasMessage("cds.security.trusted-clients[0].jwks: cannot read the key set pinned for"
                                + " https://ehr.example.org from /nonexistent/jwks.json (no such file)"));
    }
}
