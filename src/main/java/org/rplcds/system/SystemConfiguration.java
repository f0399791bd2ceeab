package org.rplcds.system;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParserErrorHandler;
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
