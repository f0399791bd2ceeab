package org.rplcds.system;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.LenientErrorHandler;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class SystemConfiguration {

    /** Rules read the evaluation date from this clock; tests replace it with a fixed one. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** One FhirContext for the whole process: building one costs a scan of the R4 model. */
    @Bean
    FhirContext fhirContext() {
        FhirContext context = FhirContext.forR4();
        // Unknown elements in client data are tolerated and not logged: log lines could carry
        // fragments of patient records.
        context.setParserErrorHandler(new LenientErrorHandler(false));
        return context;
    }
}
