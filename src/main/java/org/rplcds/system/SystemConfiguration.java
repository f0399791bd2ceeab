package org.rplcds.system;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParserErrorHandler;
import ca.uhn.fhir.parser.LenientErrorHandler;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;
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
            throw new IllegalStateException(
                    "cds.evaluation-date: '" + setting.get() + "' is not a date; write it as 2025-06-01");
        }
        boolean allowed = "allow".equals(settings.evaluationDateOutsideDemo());
        if (!environment.acceptsProfiles(Profiles.of("demo")) && !allowed) {
            throw new IllegalStateException("cds.evaluation-date pins the evaluation date to " + date
                    + ", which only the demo profile accepts; for a test environment on another profile also set"
                    + " cds.evaluation-date-outside-demo=allow");
        }
        return new EvaluationDate(clock, Optional.of(date));
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
