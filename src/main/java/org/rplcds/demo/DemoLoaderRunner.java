package org.rplcds.demo;

import ca.uhn.fhir.context.FhirContext;
import java.time.Duration;
import org.rplcds.CdsSettings;
import org.rplcds.system.EvaluationDate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/** With {@code cds.demo.load-into} set, fills that FHIR server with the demo patients in the background. */
@Component
@ConditionalOnProperty("cds.demo.load-into")
class DemoLoaderRunner implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoLoaderRunner.class);

    private final DemoLoader loader;
    private final String target;

    DemoLoaderRunner(FhirContext fhir, EvaluationDate evaluationDate, CdsSettings settings) {
        this.loader = new DemoLoader(fhir, evaluationDate.clock());
        this.target = settings.demo().loadInto();
    }

    @Override
    public void run(ApplicationArguments args) {
        Thread thread = new Thread(
                () -> {
                    try {
                        loader.load(target, Duration.ofMinutes(5));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } catch (RuntimeException e) {
                        log.error("{}", e.getMessage());
                    }
                },
                "demo-loader");
        thread.setDaemon(true);
        thread.start();
    }
}
