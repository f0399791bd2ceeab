package org.rplcds.hooks;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.DispatcherType;
import java.util.List;
import org.rplcds.CdsSettings;
import org.rplcds.SettingsConfiguration;
import org.rplcds.prefetch.ResourceSelection;
import org.rplcds.system.MemoryBudget;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.context.LifecycleProperties;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;

/** CORS, body and nesting limits at the HTTP edge, and how the server stops taking calls. */
@Configuration(proxyBeanMethods = false)
@Import(SettingsConfiguration.class)
class HttpConfiguration {

    /**
     * CORS for browsers such as the CDS Hooks Sandbox: preflight for {@code Authorization} and
     * {@code Content-Type}, on discovery, invocation and feedback. First in the chain, so that a
     * 401 or 413 is readable by the page too.
     */
    @Bean
    FilterRegistrationBean<CorsFilter> corsFilter(CdsSettings.Http limits) {
        CorsConfiguration cors = cors(limits);
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/cds-services", cors);
        source.registerCorsConfiguration("/cds-services/**", cors);
        var registration = new FilterRegistrationBean<>(new CorsFilter(source));
        registration.addUrlPatterns("/cds-services", "/cds-services/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /**
     * CORS for the demo FHIR server, for FHIR clients in browsers such as the CDS Hooks Sandbox.
     * Behind the {@code /fhir/*} servlet mapping, paths are matched within the servlet.
     */
    @Bean
    FilterRegistrationBean<CorsFilter> fhirCorsFilter(CdsSettings.Http limits) {
        CorsConfiguration cors = cors(limits);
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/**", cors);
        var registration = new FilterRegistrationBean<>(new CorsFilter(source));
        registration.addUrlPatterns("/fhir/*");
        registration.setName("fhirCorsFilter");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /** Browsers may send Authorization and Content-Type from the configured origins. */
    private static CorsConfiguration cors(CdsSettings.Http limits) {
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOriginPatterns(limits.corsAllowedOrigins());
        cors.setAllowedMethods(List.of("GET", "POST", "OPTIONS"));
        cors.setAllowedHeaders(List.of("Authorization", "Content-Type", "Accept", "Prefer"));
        cors.setMaxAge(3600L);
        return cors;
    }

    /** The calls still taken, with readiness refusing traffic, between SIGTERM and the drain. */
    @Bean
    ShutdownDelay shutdownDelay(CdsSettings.Http limits, ObjectProvider<LifecycleProperties> lifecycle) {
        return new ShutdownDelay(
                limits.shutdownDelay(),
                lifecycle.getIfAvailable(LifecycleProperties::new).getTimeoutPerShutdownPhase());
    }

    /** Security and caching headers on every answer, errors included. */
    @Bean
    FilterRegistrationBean<SecurityHeadersFilter> securityHeadersFilter() {
        var registration = new FilterRegistrationBean<>(new SecurityHeadersFilter());
        registration.addUrlPatterns("/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /** What the calls in flight may hold of the heap together. */
    @Bean
    MemoryBudget memoryBudget(CdsSettings.Http limits, MeterRegistry metrics) {
        MemoryBudget budget = MemoryBudget.ofHeap(limits.inFlightHeap());
        Gauge.builder("cds.memory.in.flight", budget, MemoryBudget::held)
                .description("Heap the calls in flight hold, as the memory budget counts it")
                .baseUnit("bytes")
                .register(metrics);
        FunctionCounter.builder("cds.memory.refusals", budget, MemoryBudget::refusals)
                .description("Calls refused for want of room in the memory budget")
                .register(metrics);
        return budget;
    }

    /**
     * Bodies are read as they arrive, without a thread, and every call is held to the memory
     * budget; after the client token filter, so that a call refused for its token is never read.
     * It runs again when the call goes on once its body is whole (an async dispatch).
     */
    @Bean
    FilterRegistrationBean<RequestBodyFilter> requestBodyFilter(CdsSettings.Http limits, MemoryBudget memory) {
        var registration = new FilterRegistrationBean<>(
                new RequestBodyFilter(limits.maxBodyBytes(), limits.bodyTimeout(), memory));
        registration.addUrlPatterns("/cds-services", "/cds-services/*");
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC);
        registration.setAsyncSupported(true);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        return registration;
    }

    /**
     * Hook and timeline calls are read as a stream ({@link HookBodyReader}); Spring Boot puts a
     * converter bean ahead of its own.
     */
    @Bean
    HookBodyConverter hookBodyConverter(HookBodyReader bodies) {
        return new HookBodyConverter(bodies);
    }

    /** The one reader of hook bodies, whose prefetch Bundles keep only what the facts read. */
    @Bean
    HookBodyReader hookBodyReader(ObjectMapper json, ResourceSelection selection) {
        return new HookBodyReader(json, selection);
    }

    /** Deeply nested JSON is refused while parsing, before it costs anything. */
    @Bean
    Jackson2ObjectMapperBuilderCustomizer jsonDepth(CdsSettings.Http limits) {
        return builder -> builder.postConfigurer(mapper -> mapper.getFactory()
                .setStreamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(limits.maxJsonDepth())
                        .build()));
    }
}
