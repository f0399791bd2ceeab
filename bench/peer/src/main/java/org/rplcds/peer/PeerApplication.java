package org.rplcds.peer;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.IInterceptorBroadcaster;
import ca.uhn.fhir.interceptor.executor.InterceptorService;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.hapi.fhir.cdshooks.api.CDSHooksVersion;
import ca.uhn.hapi.fhir.cdshooks.api.ICdsHooksDaoAuthorizationSvc;
import ca.uhn.hapi.fhir.cdshooks.api.ICdsServiceRegistry;
import ca.uhn.hapi.fhir.cdshooks.config.CdsHooksConfig;
import ca.uhn.hapi.fhir.cdshooks.controller.CdsHooksController;
import ca.uhn.hapi.fhir.cdshooks.svc.CdsHooksContextBooter;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * The peer of the benchmark: the smallest patient-view service a Java team would write on HAPI
 * FHIR's CDS Hooks module. The module's configuration, controller and registry as they come; its
 * context booter starts the service definitions; HAPI parses the prefetch into resources; one
 * trivial rule. The beans the module asks for that only a JPA server has (a DAO registry, an
 * authorisation check of prefetched resources) are stand-ins that do nothing: every call here
 * brings its prefetch.
 */
@SpringBootApplication(
        excludeName = {
            "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration",
            "org.springframework.boot.autoconfigure.orm.jpa.HibernateJpaAutoConfiguration",
            "org.springframework.boot.autoconfigure.elasticsearch.ElasticsearchClientAutoConfiguration",
            "org.springframework.boot.autoconfigure.elasticsearch.ElasticsearchRestClientAutoConfiguration",
            "org.springframework.boot.autoconfigure.data.jpa.JpaRepositoriesAutoConfiguration",
            "org.springframework.boot.autoconfigure.quartz.QuartzAutoConfiguration"
        })
@Import(CdsHooksConfig.class)
public class PeerApplication {

    public static void main(String[] args) {
        SpringApplication.run(PeerApplication.class, args);
    }

    @Bean
    FhirContext fhirContext() {
        return FhirContext.forR4();
    }

    @Bean
    CdsHooksContextBooter cdsHooksContextBooter() {
        CdsHooksContextBooter booter = new CdsHooksContextBooter();
        booter.setDefinitionsClass(PeerServices.class);
        booter.start();
        return booter;
    }

    @Bean
    CdsHooksController cdsHooksController(ICdsServiceRegistry registry) {
        return new CdsHooksController(registry);
    }

    @Bean
    CDSHooksVersion cdsHooksVersion() {
        return CDSHooksVersion.V_2_0;
    }

    @Bean
    DaoRegistry daoRegistry(FhirContext fhir) {
        return new DaoRegistry(fhir);
    }

    @Bean
    ICdsHooksDaoAuthorizationSvc cdsHooksDaoAuthorizationSvc() {
        return resource -> {};
    }

    @Bean
    IInterceptorBroadcaster interceptorBroadcaster() {
        return new InterceptorService();
    }
}
