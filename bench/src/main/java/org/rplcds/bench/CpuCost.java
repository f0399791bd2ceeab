package org.rplcds.bench;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.LenientErrorHandler;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * (a) and (b) as CPU time of the calling thread a call, not wall time: on a machine shared with
 * other work, a thread waits for a core for as long as it runs, and wall times taken minutes apart
 * compare the load of two moments. The thread's CPU time counts the call's own work; garbage
 * collection and the JIT compilers run on threads of their own and are left out (a large call
 * allocates about 40 MB; with a 1 GB heap its collection is a small part). Blocks of calls of (a)
 * and (b) alternate; each figure is the median of its blocks.
 *
 * <p>{@code CpuCost <output.json> <patient>...}
 */
public final class CpuCost {

    private static final java.lang.management.ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        FhirContext fhir = FhirContext.forR4();
        fhir.setParserErrorHandler(new LenientErrorHandler(false));
        ObjectMapper json = new ObjectMapper();
        StringBuilder results = new StringBuilder("[");
        try (InProcessService service = InProcessService.start()) {
            for (int p = 1; p < args.length; p++) {
                String patient = args[p];
                byte[] body = PatientGenerator.request(FhirContext.forR4(), patient, LocalDate.now())
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
                List<String> values = new ArrayList<>();
                json.readTree(body).get("prefetch").elements().forEachRemaining(v -> values.add(v.toString()));
                Supplier<Object> hapiParse = () -> {
                    List<Object> parsed = new ArrayList<>();
                    for (String value : values) {
                        parsed.add(fhir.newJsonParser().parseResource(value));
                    }
                    return parsed;
                };
                Supplier<Object> patientView = () -> {
                    try {
                        return service.patientView(body);
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                };
                // Warm-up: three seconds of CPU each; then blocks of about 0.2 s of CPU, whatever the
                // size of the request.
                warm(hapiParse, 3e9);
                double warmCost = warm(patientView, 3e9);
                int calls = Math.max(3, (int) (2e8 / warmCost));
                List<Double> a = new ArrayList<>();
                List<Double> b = new ArrayList<>();
                for (int block = 0; block < 11; block++) {
                    a.add(cost(hapiParse, calls) / 1e6);
                    b.add(cost(patientView, calls) / 1e6);
                }
                double aMs = median(a);
                double bMs = median(b);
                String row = String.format(
                        Locale.ROOT,
                        "{\"patient\":\"%s\",\"bytes\":%d,\"calls_per_block\":%d,\"a_cpu_ms\":%.4f,\"b_cpu_ms\":%.4f,\"b_over_a\":%.3f,\"a_blocks\":%s,\"b_blocks\":%s}",
                        patient,
                        body.length,
                        calls,
                        aMs,
                        bMs,
                        bMs / aMs,
                        format(a),
                        format(b));
                System.out.println(row);
                results.append(p > 1 ? "," : "").append(row);
            }
        }
        Files.writeString(out, results.append("]\n").toString());
    }

    /** Calls until this thread has spent {@code nanos} of CPU; the CPU nanoseconds a call. */
    private static double warm(Supplier<Object> call, double nanos) {
        long start = THREADS.getCurrentThreadCpuTime();
        int calls = 0;
        while (THREADS.getCurrentThreadCpuTime() - start < nanos) {
            call.get();
            calls++;
        }
        return (THREADS.getCurrentThreadCpuTime() - start) / (double) calls;
    }

    /** CPU nanoseconds of this thread a call, over {@code calls} calls. */
    private static double cost(Supplier<Object> call, int calls) {
        long start = THREADS.getCurrentThreadCpuTime();
        Object sink = null;
        for (int i = 0; i < calls; i++) {
            sink = call.get();
        }
        if (sink == null) {
            throw new IllegalStateException("no result");
        }
        return (THREADS.getCurrentThreadCpuTime() - start) / (double) calls;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static String format(List<Double> values) {
        return values.stream()
                .map(v -> String.format(Locale.ROOT, "%.3f", v))
                .toList()
                .toString();
    }

    private CpuCost() {}
}
