package org.rplcds.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.rplcds.Application;
import org.rplcds.hooks.CdsServiceRegistry;
import org.rplcds.hooks.HookBodyReader;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The service's own beans without the servlet container: a request body goes through the reader
 * Spring MVC reads it with ({@link HookBodyReader}: a stream, the entries no fact reads left out),
 * the services and their pipeline ({@link CdsServiceRegistry}), and back out as JSON bytes, as over
 * HTTP. Public types only: a renamed one fails the build of the benchmark, never its figures.
 */
public final class InProcessService implements AutoCloseable {

    public static final String SERVICE_ID = "recurrent-miscarriage";

    private final ConfigurableApplicationContext context;
    private final CdsServiceRegistry services;
    private final HookBodyReader bodies;
    private final ObjectMapper json;

    private InProcessService(ConfigurableApplicationContext context) {
        this.context = context;
        this.services = context.getBean(CdsServiceRegistry.class);
        this.bodies = context.getBean(HookBodyReader.class);
        this.json = context.getBean(ObjectMapper.class);
    }

    /** The demo profile as {@code java -jar} runs it, with feedback in memory and no demo FHIR server. */
    public static InProcessService start() {
        return new InProcessService(new SpringApplicationBuilder(Application.class)
                .web(WebApplicationType.NONE)
                .properties(
                        "spring.datasource.url=jdbc:h2:mem:bench;DB_CLOSE_DELAY=-1",
                        "cds.demo.enabled=false",
                        // One log line per call would flood the benchmark's console.
                        "logging.level.org.rplcds.hooks.HookMetrics=warn")
                .run());
    }

    /** One patient-view call: request bytes in, response bytes out. */
    public byte[] patientView(byte[] body) throws IOException {
        return json.writeValueAsBytes(services.call(SERVICE_ID, bodies.read(body)));
    }

    public ObjectMapper json() {
        return json;
    }

    @Override
    public void close() {
        context.close();
    }
}
