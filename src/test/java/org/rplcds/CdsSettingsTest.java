package org.rplcds;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.rplcds.cards.OverrideReason;
import org.rplcds.facts.TerminologySettings;
import org.rplcds.rules.Presentation;
import org.rplcds.system.CdsProperties;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.util.unit.DataSize;

@DisplayName("Settings under cds.*")
class CdsSettingsTest {

    /** The settings as the service binds them, from application.yml and guideline-profiles.yml. */
    final ApplicationContextRunner context = new ApplicationContextRunner()
            .withInitializer(new ConfigDataApplicationContextInitializer())
            .withConfiguration(AutoConfigurations.of(ConfigurationPropertiesAutoConfiguration.class))
            .withUserConfiguration(SettingsConfiguration.class);

    @Test
    @DisplayName("Should bind every setting the README documents, with its documented default")
    void bindsDocumentedDefaults() {
        // outside the demo profile, which turns the demo on and the client check off
        context.withPropertyValues("spring.profiles.active=production").run(ctx -> {
            CdsSettings settings = ctx.getBean(CdsSettings.class);
            assertThat(settings.profile()).isEqualTo("ESHRE2022");
            assertThat(settings.guidelines().names()).containsExactly("ASRM2012", "ESHRE2022", "RCOG2023", "SOURCE");
            assertThat(ctx.getBean(CdsSettings.Ui.class))
                    .isEqualTo(new CdsSettings.Ui(true, Presentation.UnitSystem.CONVENTIONAL, 0));
            assertThat(ctx.getBean(CdsSettings.Http.class))
                    .isEqualTo(new CdsSettings.Http(10_485_760, 20_000, 200, 64, List.of("*")));
            assertThat(ctx.getBean(CdsProperties.class))
                    .isEqualTo(new CdsProperties(new CdsProperties.Fallback(
                            Duration.ofSeconds(1), Duration.ofSeconds(2), 1000, 32, 5000, DataSize.ofMegabytes(16))));
            CdsSettings.Security security = ctx.getBean(CdsSettings.Security.class);
            assertThat(security.enabled()).isTrue();
            assertThat(security.clockSkew()).isEqualTo(Duration.ofSeconds(60));
            assertThat(security.maxLifetime()).isEqualTo(Duration.ofMinutes(5));
            assertThat(security.jwksMaxSize()).isEqualTo(DataSize.ofKilobytes(64));
            assertThat(settings.demo().enabled()).isFalse();
            assertThat(ctx.getBean(TerminologySettings.class)).isEqualTo(TerminologySettings.SHIPPED);
        });
    }

    @Test
    @DisplayName("Should bind each group under its documented name")
    void bindsEachGroup() {
        context.withPropertyValues(
                        "cds.profile=SOURCE",
                        "cds.evaluation-date=2025-06-01",
                        "cds.evaluation-date-outside-demo=allow",
                        "cds.ui.units=si",
                        "cds.http.max-prefetch-resources=10",
                        "cds.fallback.total-timeout=3s",
                        "cds.security.audience=https://cds.example.org",
                        "cds.security.trusted-clients[0].issuer=https://ehr.example.org",
                        "cds.demo.load-into=http://localhost:8081/fhir",
                        "cds.terminology.site-value-sets=/etc/cds/valuesets")
                .run(ctx -> {
                    CdsSettings settings = ctx.getBean(CdsSettings.class);
                    assertThat(settings.profile()).isEqualTo("SOURCE");
                    assertThat(settings.ui().units()).isEqualTo(Presentation.UnitSystem.SI);
                    assertThat(settings.http().maxPrefetchResources()).isEqualTo(10);
                    assertThat(settings.security().audience()).isEqualTo("https://cds.example.org");
                    assertThat(settings.security().trustedClients())
                            .extracting(CdsSettings.Security.TrustedClient::issuer)
                            .containsExactly("https://ehr.example.org");
                    assertThat(settings.demo().loadInto()).isEqualTo("http://localhost:8081/fhir");
                    assertThat(ctx.getBean(TerminologySettings.class).siteValueSets())
                            .isEqualTo("/etc/cds/valuesets");
                    CdsProperties system = ctx.getBean(CdsProperties.class);
                    assertThat(system.fallback().totalTimeout()).isEqualTo(Duration.ofSeconds(3));
                    assertThat(system.evaluationDate()).isEqualTo("2025-06-01");
                    assertThat(system.evaluationDateOutsideDemo()).isEqualTo("allow");
                });
    }

    @Test
    @DisplayName("Should refuse to start with a name under cds it does not know, rather than ignore it")
    void refusesUnknownName() {
        context.withPropertyValues("cds.securty.enabled=false").run(ctx -> assertThat(ctx)
                .getFailure()
                .rootCause()
                .hasMessageContaining("cds.securty.enabled")
                .hasMessageContaining("left unbound"));
    }

    @Test
    @DisplayName("Should bind snooze days by reason, by the reason's code as YAML writes it or as the environment can")
    void bindsSnoozeDaysByReason() {
        // given 7 days by default, 30 for "already done" (a YAML name), 0 for "patient declined" (an
        // environment variable, which cannot hold a dash; Spring reads a source by this name as one)
        Map<String, Object> environment = Map.of("CDS_UI_SNOOZEDAYSBYREASON_PATIENTREFUSES", "0");

        // when
        context.withPropertyValues("cds.ui.snooze-days=7", "cds.ui.snooze-days-by-reason.action-completed=30")
                .withInitializer(ctx -> ctx.getEnvironment()
                        .getPropertySources()
                        .addFirst(new SystemEnvironmentPropertySource("test-systemEnvironment", environment)))
                .run(ctx -> {
                    CdsSettings.Ui ui = ctx.getBean(CdsSettings.Ui.class);

                    // then
                    assertThat(ui.snoozeDaysByReason())
                            .containsExactlyInAnyOrderEntriesOf(Map.of("action-completed", 30, "patient-refuses", 0));
                    assertThat(ui.snoozeDays(OverrideReason.ACTION_COMPLETED)).isEqualTo(30);
                    assertThat(ui.snoozeDays(OverrideReason.PATIENT_REFUSES)).isZero();
                    // the plain setting holds for the other "already addressed" reason, not for disagreement
                    assertThat(ui.snoozeDays(OverrideReason.INDICATION_ORDER_EXISTS))
                            .isEqualTo(7);
                    assertThat(ui.snoozeDays(OverrideReason.CDS_NOT_APPLICABLE)).isZero();
                    assertThat(ui.longestSnooze()).isEqualTo(30);
                });
    }

    @Test
    @DisplayName("Should refuse to start with snooze days for a reason the cards do not offer, or below 0")
    void refusesUnknownReason() {
        context.withPropertyValues("cds.ui.snooze-days-by-reason.already-addressed=30")
                .run(
                        ctx -> assertThat(ctx)
                                .getFailure()
                                .rootCause()
                                .hasMessage(
                                        "cds.ui.snooze-days-by-reason.already-addressed is not an override reason the"
                                                + " cards offer; they offer action-completed, indication-order-exists,"
                                                + " cds-not-applicable, patient-contraindication, risk-benefit-ratio, patient-refuses"));
        context.withPropertyValues("cds.ui.snooze-days-by-reason.action-completed=-1")
                .run(ctx -> assertThat(ctx)
                        .getFailure()
                        .rootCause()
                        .hasMessage("cds.ui.snooze-days-by-reason.action-completed must be 0 or more, is -1"));
    }
}
