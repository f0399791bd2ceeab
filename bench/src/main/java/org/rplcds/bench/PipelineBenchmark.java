package org.rplcds.bench;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.LenientErrorHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * (a) the floor: HAPI parsing the request's FHIR content, each prefetch value from its JSON
 * text; (b) the whole patient-view call in process: request bytes to response bytes through the
 * service's own beans. Same JVM settings, same requests, one thread.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class PipelineBenchmark {

    /** The request of a patient size, generated for the day of the run. */
    static byte[] request(String patient) {
        return PatientGenerator.request(FhirContext.forR4(), patient, LocalDate.now())
                .getBytes(StandardCharsets.UTF_8);
    }

    @State(Scope.Benchmark)
    public static class Floor {

        @Param({"typical", "large", "synthea4mb"})
        public String patient;

        FhirContext fhir;
        ObjectMapper json;
        byte[] body;
        List<String> prefetchValues;

        @Setup(Level.Trial)
        public void setUp() throws IOException {
            // Configured as the service configures its one context.
            fhir = FhirContext.forR4();
            fhir.setParserErrorHandler(new LenientErrorHandler(false));
            json = new ObjectMapper();
            body = request(patient);
            JsonNode prefetch = json.readTree(body).get("prefetch");
            prefetchValues = new ArrayList<>();
            prefetch.elements().forEachRemaining(value -> prefetchValues.add(value.toString()));
        }
    }

    @State(Scope.Benchmark)
    public static class Service {

        @Param({"typical", "large", "synthea4mb"})
        public String patient;

        InProcessService service;
        byte[] body;

        @Setup(Level.Trial)
        public void setUp() throws IOException {
            service = InProcessService.start();
            body = request(patient);
            String response = new String(service.patientView(body), StandardCharsets.UTF_8);
            if (!response.contains(patient.equals("synthea4mb") ? "\"cards\"" : "RPL-01")) {
                throw new IllegalStateException("the benchmark patient should fire RPL-01: " + response);
            }
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            service.close();
        }
    }

    /** (a) HAPI alone: every prefetch value parsed from its JSON text into resources. */
    @Benchmark
    public List<IBaseResource> hapiParse(Floor floor) {
        List<IBaseResource> parsed = new ArrayList<>(floor.prefetchValues.size());
        for (String value : floor.prefetchValues) {
            parsed.add(floor.fhir.newJsonParser().parseResource(value));
        }
        return parsed;
    }

    /**
     * Between (a) and (b), for the breakdown: the request read into a Jackson tree, as Spring reads
     * it, and every prefetch value parsed from that tree, as the service parses it.
     */
    @Benchmark
    public List<IBaseResource> treeParse(Floor floor) throws IOException {
        return PrefetchParsing.parse(floor.fhir, floor.json.readTree(floor.body));
    }

    /** (b) The service: request JSON to cards JSON, full prefetch. */
    @Benchmark
    public byte[] patientView(Service service) throws IOException {
        return service.service.patientView(service.body);
    }
}
