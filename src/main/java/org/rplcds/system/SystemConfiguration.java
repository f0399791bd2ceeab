package org.rplcds.system;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParserErrorHandler;
import ca.uhn.fhir.parser.LenientErrorHandler;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.server.WebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;

@Configuration(proxyBeanMethods = false)
class SystemConfiguration {

    /** Rules read the evaluation date from this clock; tests replace it with a fixed one. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * The date the rules evaluate on. {@code cds.evaluation-date=2025-06-01} pins it for a test
     * environment; outside the demo profile a pinned date would put every card of a live service out
     * of date, so it is refused unless {@code cds.evaluation-date-outside-demo=allow} says so.
     */
    @Bean
    EvaluationDate evaluationDate(Clock clock, CdsProperties settings, Environment environment) {
        Optional<String> setting =
                Optional.ofNullable(settings.evaluationDate()).map(String::trim).filter(value -> !value.isEmpty());
        if (setting.isEmpty()) {
            return new EvaluationDate(clock, Optional.empty());
        }
        LocalDate date;
        try {
            date = LocalDate.parse(setting.get());
        } catch (DateTimeParseException e) {
            throw new InvalidSettingException(
                    "cds.evaluation-date: '" + setting.get() + "' is not a date",
                    "Write it as 2025-06-01 (year-month-day), or unset cds.evaluation-date (CDS_EVALUATIONDATE) to"
                            + " evaluate as of today; " + Docs.CONFIGURE_IT + " has the setting.");
        }
        boolean allowed = "allow".equals(settings.evaluationDateOutsideDemo());
        if (!environment.acceptsProfiles(Profiles.of("demo")) && !allowed) {
            throw new InvalidSettingException(
                    "cds.evaluation-date pins the evaluation date to " + date + ", which only the demo profile"
                            + " accepts: every card would be reckoned as of that day, not today",
                    "Unset cds.evaluation-date (and CDS_EVALUATIONDATE) for a live service. For a test environment"
                            + " on this profile, keep it and also set cds.evaluation-date-outside-demo=allow"
                            + " (CDS_EVALUATIONDATEOUTSIDEDEMO=allow); " + Docs.CONFIGURE_IT + " has both.");
        }
        return new EvaluationDate(clock, Optional.of(date));
    }

    /**
     * The settings are bound and checked before the web server starts: the server's start-up builds
     * the filters and servlets, which read settings, and a setting refused there would be reported
     * inside the server's own failure, after it has opened the database. Built as the server factory
     * is customised, this bean builds the evaluation date (and with it every {@code cds.*} setting)
     * and every {@link SettingsCheck} first; it changes nothing in the server.
     */
    @Bean
    WebServerFactoryCustomizer<WebServerFactory> settingsCheckedFirst(
            EvaluationDate evaluationDate, ObjectProvider<SettingsCheck> checks) {
        checks.orderedStream().forEach(check -> {});
        return factory -> {};
    }

    /**
     * Unknown elements in client data are tolerated and not logged: log lines could carry
     * fragments of patient records. A bean of its own for parsers built outside the context.
     */
    @Bean
    IParserErrorHandler parserErrorHandler() {
        return new LenientErrorHandler(false);
    }

    /** One FhirContext for the whole process: building one costs a scan of the R4 model. */
    @Bean
    FhirContext fhirContext(IParserErrorHandler errors) {
        FhirContext context = FhirContext.forR4();
        context.setParserErrorHandler(errors);
        return context;
    }
}
