package org.rplcds.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.rplcds.Application;
import org.rplcds.prefetch.ResourceSelection;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The service's own beans without the servlet container: a request body goes through the
 * reader Spring MVC reads it with, the hook pipeline, and back out as JSON bytes, as over HTTP.
 */
public final class InProcessService implements AutoCloseable {

    public static final String SERVICE_ID = "recurrent-miscarriage";

    private final ConfigurableApplicationContext context;
    private final HookInvocations hooks;
    private final ObjectMapper json;
    private final HookBodyReader bodies;

    private InProcessService(ConfigurableApplicationContext context) {
        this.context = context;
        this.hooks = context.getBean(HookInvocations.class);
        this.json = context.getBean(ObjectMapper.class);
        this.bodies = new HookBodyReader(json, context.getBean(ResourceSelection.class));
    }

    /** The demo profile as {@code java -jar} runs it, with feedback in memory and no demo FHIR server. */
    public static InProcessService start() {
        return new InProcessService(new SpringApplicationBuilder(Application.class)
                .web(WebApplicationType.NONE)
                .properties(
                        "spring.datasource.url=jdbc:h2:mem:bench;DB_CLOSE_DELAY=-1",
                        "cds.demo.enabled=false",
                        // One log line per call would flood the benchmark's console.
                        "logging.level.org.rplcds.hooks.HookInvocations=warn")
                .run());
    }

    /** One patient-view call: request bytes in, response bytes out. */
    public byte[] patientView(byte[] body) throws IOException {
        JsonNode request = bodies.read(body);
        return json.writeValueAsBytes(hooks.invoke(SERVICE_ID, request));
    }

    public ObjectMapper json() {
        return json;
    }

    @Override
    public void close() {
        context.close();
    }
}
