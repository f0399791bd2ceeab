package org.rplcds.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import org.rplcds.Application;
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
    private final CdsServiceRegistry hooks;
    private final ObjectMapper json;
    private final BodyReader bodies;

    private InProcessService(ConfigurableApplicationContext context) {
        this.context = context;
        this.hooks = context.getBean(CdsServiceRegistry.class);
        this.json = context.getBean(ObjectMapper.class);
        this.bodies = bodyReader(context, json);
    }

    /** A request body read into the tree the controller hands on. */
    @FunctionalInterface
    private interface BodyReader {
        JsonNode read(byte[] body) throws IOException;
    }

    /**
     * The service's reader of hook calls ({@code HookBodyReader}: a stream, the entries no fact
     * reads left out) where the commit has one; else Spring MVC's ObjectMapper, as commits before it
     * read a body ({@code BENCH_BEFORE} runs them with these sources). Looked up by name for that.
     */
    private static BodyReader bodyReader(ConfigurableApplicationContext context, ObjectMapper json) {
        Class<?> type;
        Class<?> selection;
        try {
            type = Class.forName("org.rplcds.hooks.HookBodyReader");
            selection = Class.forName("org.rplcds.prefetch.ResourceSelection");
        } catch (ClassNotFoundException e) {
            return json::readTree;
        }
        try {
            Constructor<?> constructor = type.getDeclaredConstructor(ObjectMapper.class, selection);
            constructor.setAccessible(true);
            Object reader = constructor.newInstance(json, context.getBean(selection));
            Method read = type.getDeclaredMethod("read", byte[].class);
            read.setAccessible(true);
            return body -> {
                try {
                    return (JsonNode) read.invoke(reader, body);
                } catch (InvocationTargetException e) {
                    if (e.getCause() instanceof IOException io) {
                        throw io;
                    }
                    throw new IllegalStateException(e.getCause());
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            };
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("HookBodyReader is not as the benchmark expects", e);
        }
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
        JsonNode request = bodies.read(body);
        return json.writeValueAsBytes(hooks.call(SERVICE_ID, request));
    }

    public ObjectMapper json() {
        return json;
    }

    @Override
    public void close() {
        context.close();
    }
}
