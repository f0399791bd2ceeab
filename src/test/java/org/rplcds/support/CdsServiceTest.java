package org.rplcds.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * The whole service on a random port, with an in-memory H2 feedback store, the clock fixed at
 * 2025-06-01, metrics exported as in production and the demo profile (the default one). Every test
 * class with this annotation shares one application context: a class that needs other settings
 * starts a context of its own, so add them here only when all can share them.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.datasource.url=jdbc:h2:mem:cds-test;DB_CLOSE_DELAY=-1", "cds.fallback.total-timeout=2s"})
@Import(FixedClock.class)
@AutoConfigureObservability
public @interface CdsServiceTest {}
