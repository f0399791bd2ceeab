package org.rplcds.bench;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.annotation.RequiredParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.server.FifoMemoryPagingProvider;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.provider.HashMapResourceProvider;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.Filter;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.rplcds.demo.DemoPatients;
import org.rplcds.demo.PatientScopedProvider;

/**
 * The fallback path against FHIR servers that page: the large generated patient (2,000 resources)
 * and a whole Synthea chart of median size (1,157 resources, 1.3 MB; bench/fixtures) on HAPI's
 * RestfulServer on loopback, served as a HAPI JPA server serves it (20 a page, {@code _count}
 * honoured up to 1,000), in pages of 20 or 10 whatever {@code _count} asks, and by a server that
 * knows no {@code code} filter (so every search is read whole). Each call is timed; the server
 * counts the pages and bytes it answers. Every call must give the cards of full prefetch.
 *
 * <p>{@code PagingDriver <service URL> <FHIR port> <warm-up calls> <calls> <out.json>}
 */
public final class PagingDriver {

    private static final String PATIENT = "bench-paging";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** How a server pages: its page size, the largest {@code _count} it honours, whether it filters by code. */
    record Mode(String name, int pageSize, int maxPageSize, boolean codeSearch) {}

    static final List<Mode> MODES = List.of(
            new Mode("20 a page, _count honoured, code filter", 20, 1000, true),
            new Mode("20 a page, _count ignored, code filter", 20, 20, true),
            new Mode("20 a page, _count ignored, no code filter", 20, 20, false),
            new Mode("10 a page, _count ignored, no code filter", 10, 10, false));

    public static void main(String[] args) throws Exception {
        URI service = URI.create(args[0]);
        int fhirPort = Integer.parseInt(args[1]);
        int warmUp = Integer.parseInt(args[2]);
        int calls = Integer.parseInt(args[3]);
        Path out = Path.of(args[4]);
        FhirContext fhir = FhirContext.forR4();
        HttpClient client =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        ArrayNode results = JSON.createArrayNode();
        Map<String, Map<String, Resource>> charts = new LinkedHashMap<>();
        charts.put(
                "generated, 2,000 resources",
                PatientGenerator.prefetch(PATIENT, PatientGenerator.LARGE, LocalDate.now()));
        charts.put("Synthea median chart", synthea(fhir, Path.of("bench/fixtures/Bundle-synthea-median.json")));
        for (var named : charts.entrySet()) {
            Map<String, Resource> prefetch = named.getValue();
            String patientId = prefetch.get("patient").getIdElement().getIdPart();
            List<Resource> chart = new ArrayList<>();
            prefetch.values().forEach(value -> {
                if (value instanceof Bundle bundle) {
                    bundle.getEntry().forEach(e -> chart.add(e.getResource()));
                } else {
                    chart.add(value);
                }
            });
            JsonNode expected = cards(client, service, fullPrefetch(fhir, prefetch, patientId));
            for (Mode mode : MODES) {
                AtomicInteger pages = new AtomicInteger();
                AtomicLong bytes = new AtomicLong();
                Tomcat tomcat = server(fhir, mode, chart, fhirPort, pages, bytes);
                try {
                    String request = request(fhirPort, patientId);
                    for (int i = 0; i < warmUp; i++) {
                        // Cold, a call may run out of time: warm-up answers are not checked.
                        send(client, service, request);
                    }
                    pages.set(0);
                    bytes.set(0);
                    List<Double> millis = new ArrayList<>();
                    int outOfTime = 0;
                    for (int i = 0; i < calls; i++) {
                        long started = System.nanoTime();
                        HttpResponse<String> answer = send(client, service, request);
                        millis.add((System.nanoTime() - started) / 1e6);
                        if (answer.statusCode() == 412) {
                            outOfTime++;
                        } else {
                            check(cards(answer), expected, mode);
                        }
                    }
                    ObjectNode result = results.addObject();
                    result.put("chart", named.getKey());
                    result.put("server", mode.name());
                    result.put("resources", chart.size());
                    result.put("calls", calls);
                    result.put("answered_412", outOfTime);
                    result.put("p50_ms", percentile(millis, 50));
                    result.put("p99_ms", percentile(millis, 99));
                    result.put("max_ms", percentile(millis, 100));
                    result.put("requests_per_call", pages.get() / (double) calls);
                    result.put("kb_per_call", Math.round(bytes.get() / (double) calls / 102.4) / 10.0);
                    System.out.println(result);
                } finally {
                    tomcat.stop();
                    tomcat.destroy();
                }
            }
        }
        Files.writeString(out, results.toString() + "\n");
    }

    /** A whole Synthea chart (bench/fixtures/README.md) as prefetch: the patient, a searchset Bundle a type. */
    private static Map<String, Resource> synthea(FhirContext fhir, Path file) throws IOException {
        Bundle chart = fhir.newJsonParser().parseResource(Bundle.class, Files.readString(file));
        Map<String, String> keys = PatientGenerator.PREFETCH_KEYS;
        Map<String, Resource> prefetch = new LinkedHashMap<>();
        Map<String, Bundle> searches = new LinkedHashMap<>();
        keys.values().forEach(key -> searches.put(key, new Bundle().setType(Bundle.BundleType.SEARCHSET)));
        for (Bundle.BundleEntryComponent entry : chart.getEntry()) {
            Resource resource = entry.getResource();
            if (resource instanceof Patient) {
                prefetch.put("patient", resource);
            } else if (keys.containsKey(resource.fhirType())) {
                searches.get(keys.get(resource.fhirType())).addEntry().setResource(resource);
            }
        }
        searches.values().forEach(bundle -> bundle.setTotal(bundle.getEntry().size()));
        prefetch.putAll(searches);
        return prefetch;
    }

    private static void check(JsonNode cards, JsonNode expected, Mode mode) {
        if (!cards.equals(expected)) {
            throw new IllegalStateException(mode.name() + ": the cards differ from full prefetch");
        }
    }

    private static Tomcat server(
            FhirContext fhir, Mode mode, List<Resource> chart, int port, AtomicInteger pages, AtomicLong bytes)
            throws Exception {
        Map<Class<? extends Resource>, HashMapResourceProvider<? extends Resource>> providers = new LinkedHashMap<>();
        for (Class<? extends Resource> type : DemoPatients.TYPES) {
            providers.put(
                    type, mode.codeSearch() ? new PatientScopedProvider<>(fhir, type) : new PatientOnly<>(fhir, type));
        }
        for (Resource resource : chart) {
            store(providers.get(resource.getClass()), resource);
        }
        RestfulServer server = new RestfulServer(fhir);
        server.registerProviders(new ArrayList<IResourceProvider>(providers.values()));
        FifoMemoryPagingProvider paging = new FifoMemoryPagingProvider(1000);
        paging.setDefaultPageSize(mode.pageSize());
        paging.setMaximumPageSize(mode.maxPageSize());
        server.setPagingProvider(paging);
        server.setDefaultPageSize(mode.pageSize());
        Tomcat tomcat = new Tomcat();
        File base = Files.createTempDirectory("bench-fhir").toFile();
        tomcat.setBaseDir(base.getAbsolutePath());
        tomcat.setPort(port);
        tomcat.getConnector().setProperty("address", "127.0.0.1");
        Context context = tomcat.addContext("", base.getAbsolutePath());
        Tomcat.addServlet(context, "fhir", server);
        context.addServletMappingDecoded("/fhir/*", "fhir");
        FilterDef counting = new FilterDef();
        counting.setFilterName("counting");
        counting.setFilter(counting(pages, bytes));
        context.addFilterDef(counting);
        FilterMap map = new FilterMap();
        map.setFilterName("counting");
        map.addURLPattern("/*");
        context.addFilterMap(map);
        tomcat.start();
        return tomcat;
    }

    /** Counts each answer and the bytes of its body. */
    private static Filter counting(AtomicInteger pages, AtomicLong bytes) {
        return (request, response, chain) -> {
            pages.incrementAndGet();
            Counted counted = new Counted((HttpServletResponse) response, bytes);
            chain.doFilter(request, counted);
            counted.finish();
        };
    }

    /** A response whose body bytes are counted on their way out. */
    private static final class Counted extends HttpServletResponseWrapper {

        private final HttpServletResponse http;
        private final AtomicLong bytes;
        private ServletOutputStream stream;
        private PrintWriter writer;

        Counted(HttpServletResponse http, AtomicLong bytes) {
            super(http);
            this.http = http;
            this.bytes = bytes;
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            if (stream == null) {
                ServletOutputStream real = http.getOutputStream();
                stream = new ServletOutputStream() {
                    @Override
                    public void write(int b) throws IOException {
                        bytes.incrementAndGet();
                        real.write(b);
                    }

                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        bytes.addAndGet(len);
                        real.write(b, off, len);
                    }

                    @Override
                    public void flush() throws IOException {
                        real.flush();
                    }

                    @Override
                    public void close() throws IOException {
                        real.close();
                    }

                    @Override
                    public boolean isReady() {
                        return real.isReady();
                    }

                    @Override
                    public void setWriteListener(WriteListener listener) {
                        real.setWriteListener(listener);
                    }
                };
            }
            return stream;
        }

        @Override
        public PrintWriter getWriter() throws IOException {
            if (writer == null) {
                writer = new PrintWriter(
                        new java.io.OutputStreamWriter(getOutputStream(), StandardCharsets.UTF_8), false);
            }
            return writer;
        }

        @Override
        public void flushBuffer() throws IOException {
            if (writer != null) {
                writer.flush();
            }
            super.flushBuffer();
        }

        void finish() {
            if (writer != null) {
                writer.flush();
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static <T extends Resource> void store(HashMapResourceProvider<T> provider, Resource resource) {
        provider.store((T) resource);
    }

    /** A provider with the {@code patient} search and no other parameter: HAPI refuses {@code code=} with 400. */
    public static final class PatientOnly<T extends Resource> extends HashMapResourceProvider<T> {

        private final PatientScopedProvider<T> scoped;

        PatientOnly(FhirContext fhir, Class<T> type) {
            super(fhir, type);
            this.scoped = new PatientScopedProvider<>(fhir, type);
        }

        @Override
        public synchronized org.hl7.fhir.instance.model.api.IIdType store(T resource) {
            scoped.store(resource);
            return super.store(resource);
        }

        @Search
        public List<IBaseResource> byPatient(
                RequestDetails details, @RequiredParam(name = "patient") ReferenceParam patient) {
            return scoped.byPatient(details, patient, null, null);
        }
    }

    private static String fullPrefetch(FhirContext fhir, Map<String, Resource> prefetch, String patientId)
            throws IOException {
        ObjectNode request = (ObjectNode) JSON.readTree(request(0, patientId));
        request.remove("fhirServer");
        request.remove("fhirAuthorization");
        ObjectNode values = request.putObject("prefetch");
        for (var entry : prefetch.entrySet()) {
            values.set(entry.getKey(), JSON.readTree(fhir.newJsonParser().encodeResourceToString(entry.getValue())));
        }
        return request.toString();
    }

    private static String request(int fhirPort, String patientId) {
        ObjectNode request = JSON.createObjectNode();
        request.put("hookInstance", "0f6c2a5e-8d3b-4f7a-9c1e-5a2b7d9e3f10");
        request.put("hook", "patient-view");
        request.put("fhirServer", "http://127.0.0.1:" + fhirPort + "/fhir");
        request.putObject("context").put("userId", "Practitioner/example").put("patientId", patientId);
        return request.toString();
    }

    private static JsonNode cards(HttpClient client, URI service, String body) throws Exception {
        return cards(send(client, service, body));
    }

    private static HttpResponse<String> send(HttpClient client, URI service, String body) throws Exception {
        return client.send(
                HttpRequest.newBuilder(service)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode cards(HttpResponse<String> response) throws IOException {
        if (response.statusCode() != 200) {
            throw new IllegalStateException("service answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body()).get("cards");
    }

    private static double percentile(List<Double> values, int percentile) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return Math.round(sorted.get(Math.max(0, index)) * 100.0) / 100.0;
    }
}
