package org.rplcds.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.rplcds.facts.FactsReader;
import org.rplcds.facts.LossCounting;
import org.rplcds.facts.PatientFacts;
import org.rplcds.facts.Terminology;
import org.rplcds.prefetch.PatientRecord;

/** Facts read from resources, the way the service reads them, on the test evaluation date. */
public final class Records {

    public static final LocalDate TODAY = LocalDate.of(2025, 6, 1);
    public static final Terminology TERMINOLOGY = new Terminology(Fhir.CONTEXT);
    private static final FactsReader READER = new FactsReader(TERMINOLOGY);

    private Records() {}

    /**
     * The paths of every record we have: example requests, conformance requests, demo patients,
     * the Synthea charts of the tests.
     */
    public static List<String> files() throws IOException {
        List<String> paths = new ArrayList<>();
        for (String folder : List.of("hooks/examples", "src/test/resources/conformance", "fhir-resources/patients")) {
            try (Stream<Path> files = Files.walk(Path.of(folder))) {
                files.filter(p ->
                                p.toString().endsWith(".json") && !p.toString().endsWith(".cards.json"))
                        .map(Path::toString)
                        .sorted()
                        .forEach(paths::add);
            }
        }
        SyntheaCharts.NAMES.forEach(name -> paths.add("src/test/resources/synthea/Bundle-" + name + ".json"));
        return paths;
    }

    public static PatientFacts facts(LossCounting counting, IBaseResource... resources) {
        return READER.read(PatientRecord.of("p1", List.of(resources)), TODAY, counting);
    }

    /** The facts of patient p1, a woman born in 1990, with the resources given. */
    public static PatientFacts ofWoman(LossCounting counting, IBaseResource... resources) {
        List<IBaseResource> all = new ArrayList<>(List.of(Fhir.woman("p1", "1990-01-01")));
        all.addAll(List.of(resources));
        return facts(counting, all.toArray(IBaseResource[]::new));
    }
}
