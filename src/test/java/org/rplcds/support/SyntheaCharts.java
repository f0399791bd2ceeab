package org.rplcds.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * The Synthea fixtures of {@code src/test/resources/synthea/}, and charts grown from them to the
 * size of real ones: a Synthea chart holds hundreds of vital-sign observations the rules never
 * read, which is what paging and code filters are for.
 */
public final class SyntheaCharts {

    /** Vital signs as Synthea codes them (LOINC): none is in a value set the rules read. */
    private static final String[][] VITAL_SIGNS = {
        {"8867-4", "Heart rate", "/min", "72"},
        {"9279-1", "Respiratory rate", "/min", "14"},
        {"8302-2", "Body height", "cm", "165"},
        {"29463-7", "Body weight", "kg", "64"},
        {"2708-6", "Oxygen saturation in Arterial blood", "%", "98"},
        {"85354-9", "Blood pressure panel", "mm[Hg]", "0"}
    };

    private SyntheaCharts() {}

    public static final List<String> NAMES = List.of(
            "induced-abortion-only",
            "pregnant-first-pregnancy",
            "recurrent-three-losses",
            "single-miscarriage",
            "tubal-pregnancy-coded-as-miscarriage",
            "two-losses-now-pregnant");

    /** The resources of one fixture, in file order. */
    public static List<Resource> resources(String name) {
        try {
            String json = Files.readString(Path.of("src/test/resources/synthea/Bundle-" + name + ".json"));
            Bundle bundle = Fhir.CONTEXT.newJsonParser().parseResource(Bundle.class, json);
            List<Resource> resources = new ArrayList<>();
            bundle.getEntry().forEach(e -> resources.add(e.getResource()));
            return resources;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String patientId(List<? extends IBaseResource> resources) {
        return resources.stream()
                .filter(Patient.class::isInstance)
                .findFirst()
                .orElseThrow()
                .getIdElement()
                .getIdPart();
    }

    /** The chart with {@code count} more vital-sign observations, one a day back from 2025-05-01. */
    public static List<Resource> withVitalSigns(List<Resource> chart, int count) {
        String patientId = patientId(chart);
        List<Resource> grown = new ArrayList<>(chart);
        LocalDate day = LocalDate.of(2025, 5, 1);
        for (int i = 0; i < count; i++) {
            String[] sign = VITAL_SIGNS[i % VITAL_SIGNS.length];
            Observation observation = new Observation();
            observation.setId("vital-" + i);
            observation.setStatus(Observation.ObservationStatus.FINAL);
            observation
                    .addCategory()
                    .addCoding()
                    .setSystem("http://terminology.hl7.org/CodeSystem/observation-category")
                    .setCode("vital-signs");
            observation.setCode(new CodeableConcept().setText(sign[1]));
            observation
                    .getCode()
                    .addCoding()
                    .setSystem(Fhir.LOINC)
                    .setCode(sign[0])
                    .setDisplay(sign[1]);
            observation.setSubject(new Reference("Patient/" + patientId));
            observation.setEffective(new DateTimeType(day.minusDays(i / 3).toString()));
            if (sign[0].equals("85354-9")) {
                component(observation, "8480-6", "Systolic blood pressure", 118);
                component(observation, "8462-4", "Diastolic blood pressure", 76);
            } else {
                observation.setValue(quantity(new BigDecimal(sign[3]), sign[2]));
            }
            grown.add(observation);
        }
        return grown;
    }

    private static void component(Observation observation, String code, String display, int value) {
        Observation.ObservationComponentComponent component = observation.addComponent();
        component.getCode().addCoding().setSystem(Fhir.LOINC).setCode(code).setDisplay(display);
        component.setValue(quantity(BigDecimal.valueOf(value), "mm[Hg]"));
    }

    private static Quantity quantity(BigDecimal value, String unit) {
        return new Quantity()
                .setValue(value)
                .setUnit(unit)
                .setSystem("http://unitsofmeasure.org")
                .setCode(unit);
    }
}
