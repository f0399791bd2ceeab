package org.rplcds.demo;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.FifoMemoryPagingProvider;
import ca.uhn.fhir.rest.server.RestfulServer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Resource;
import org.rplcds.system.EvaluationDate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The embedded demo FHIR R4 server under {@code /fhir}: in memory, read-only, loaded with the
 * synthetic patients at start. On by {@code cds.demo.enabled} (the demo profile); off in production.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "cds.demo.enabled", havingValue = "true")
class DemoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DemoConfiguration.class);

    @Bean
    ServletRegistrationBean<RestfulServer> demoFhirServer(FhirContext fhir, EvaluationDate evaluationDate) {
        Map<Class<? extends Resource>, PatientScopedProvider<? extends Resource>> providers = new LinkedHashMap<>();
        for (Class<? extends Resource> type : DemoPatients.TYPES) {
            providers.put(type, new PatientScopedProvider<>(fhir, type));
        }
        List<Resource> resources = DemoPatients.load(fhir, evaluationDate.today());
        for (Resource resource : resources) {
            store(providers.get(resource.getClass()), resource);
        }
        RestfulServer server = new RestfulServer(fhir);
        server.registerProviders(List.copyOf(providers.values()));
        // As a HAPI JPA server pages: 20 a page unless _count asks for more, up to 1,000.
        FifoMemoryPagingProvider paging = new FifoMemoryPagingProvider(50);
        paging.setDefaultPageSize(20);
        paging.setMaximumPageSize(1000);
        server.setPagingProvider(paging);
        server.registerInterceptor(new ReadOnly());
        log.info(
                "demo FHIR server: {} patients, {} resources",
                DemoPatients.patients(resources).size(),
                resources.size());
        var registration = new ServletRegistrationBean<>(server, "/fhir/*");
        registration.setName("demoFhirServer");
        registration.setLoadOnStartup(1);
        return registration;
    }

    @SuppressWarnings("unchecked")
    private static <T extends Resource> void store(PatientScopedProvider<T> provider, Resource resource) {
        if (provider != null) {
            provider.store((T) resource);
        }
    }
}
