package org.rplcds.facts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Procedure;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rplcds.support.Fhir;
import org.rplcds.support.HookRequests;
import org.rplcds.support.Records;
import org.rplcds.support.SyntheaCharts;

/**
 * The {@code code=} filters of prefetch must leave out nothing the facts read: on every record we
 * have, the facts of the record as a filtering server answers it are the facts of the whole.
 */
@DisplayName("Search codes")
class SearchCodesTest {

    static final SearchCodes CODES = new SearchCodes(Records.TERMINOLOGY);
    static final List<LossCounting> COUNTINGS = List.of(new LossCounting(24, true), new LossCounting(28, false));

    /** Every record we have: example requests, conformance requests, demo patients, Synthea charts. */
    static Stream<String> records() throws IOException {
        return Records.files().stream();
    }

    static List<IBaseResource> resources(String path) throws IOException {
        JsonNode json = HookRequests.JSON.readTree(Path.of(path).toFile());
        List<IBaseResource> resources = new ArrayList<>();
        if (json.has("resourceType")) {
            add(json, resources);
        } else {
            json.path("prefetch").forEach(value -> add(value, resources));
        }
        return resources;
    }

    static void add(JsonNode value, List<IBaseResource> resources) {
        if (!value.isObject() || !value.has("resourceType")) {
            return;
        }
        IBaseResource resource;
        try {
            resource = Fhir.CONTEXT.newJsonParser().parseResource(value.toString());
        } catch (RuntimeException e) {
            // Malformed on purpose (conformance files): the service refuses those before facts.
            return;
        }
        if (resource instanceof Bundle bundle) {
            bundle.getEntry().stream()
                    .filter(Bundle.BundleEntryComponent::hasResource)
                    .forEach(e -> resources.add(e.getResource()));
        } else {
            resources.add(resource);
        }
    }

    /** What a server answers to {@code code=<the list>}: resources with a coding of a listed code. */
    static boolean kept(IBaseResource resource) {
        CodeableConcept code;
        String type = resource.fhirType();
        if (resource instanceof Observation observation) {
            code = observation.getCode();
        } else if (resource instanceof Procedure procedure) {
            code = procedure.getCode();
        } else if (resource instanceof DiagnosticReport report) {
            code = report.getCode();
        } else {
            return true;
        }
        Set<String> listed = new HashSet<>(CODES.codes(type).orElseThrow());
        return code.getCoding().stream().map(Coding::getCode).anyMatch(listed::contains);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("records")
    @DisplayName("Should read the same facts from the filtered record as from the whole one")
    void filteringChangesNoFact(String path) throws IOException {
        // given
        List<IBaseResource> whole = resources(path);
        List<IBaseResource> filtered =
                whole.stream().filter(SearchCodesTest::kept).toList();

        for (LossCounting counting : COUNTINGS) {
            // when
            PatientFacts fromWhole = Records.facts(counting, whole.toArray(IBaseResource[]::new));
            PatientFacts fromFiltered = Records.facts(counting, filtered.toArray(IBaseResource[]::new));

            // then
            assertThat(fromFiltered).isEqualTo(fromWhole);
        }
    }

    @Test
    @DisplayName("Should leave out most of a Synthea chart: the vital signs no rule reads, keeping body weight")
    void leavesOutVitalSigns() {
        // given
        var chart = SyntheaCharts.withVitalSigns(SyntheaCharts.resources("recurrent-three-losses"), 1600);

        // when
        List<Observation> observations = chart.stream()
                .filter(Observation.class::isInstance)
                .map(Observation.class::cast)
                .toList();
        List<Observation> kept =
                observations.stream().filter(SearchCodesTest::kept).toList();

        // then
        // A dose by weight reads the body weight (29463-7); heart rate, height and the rest are left out.
        Predicate<Observation> weight =
                o -> o.getCode().getCodingFirstRep().getCode().equals("29463-7");
        assertThat(kept.stream().filter(weight.negate()).count()).isPositive().isLessThan(observations.size() / 10);
        assertThat(kept.stream().filter(weight).count())
                .isEqualTo(observations.stream().filter(weight).count())
                .isPositive();
    }

    @Test
    @DisplayName("Should list every code of every value set an analyte is read from")
    void listsEveryAnalyte() {
        // given
        Set<String> observationCodes = new HashSet<>(CODES.codes("Observation").orElseThrow());

        // then
        for (Analyte analyte : Analyte.values()) {
            assertThat(observationCodes).containsAll(Records.TERMINOLOGY.enumeratedCodes(analyte.valueSet()));
        }
        assertThat(CODES.codes("Condition")).isEmpty();
    }
}
