package org.rplcds.demo;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.Comparator;
import java.util.List;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/** The synthetic patients of {@code fhir-resources/patients/}, one Bundle per patient. */
public final class DemoPatients {

    static final String LOCATION = "classpath*:fhir-resources/patients/*.json";

    /** The demo records are written as of this date, and moved to the day the demo starts. */
    public static final LocalDate WRITTEN_ON = LocalDate.of(2025, 6, 1);

    /** The resource types of the demo charts: the demo FHIR server has one provider for each. */
    public static final List<Class<? extends Resource>> TYPES = List.of(
            Patient.class,
            Condition.class,
            Observation.class,
            MedicationRequest.class,
            ServiceRequest.class,
            Procedure.class,
            DiagnosticReport.class);

    /** One demo patient for the viewer's list. */
    public record Summary(String id, String name, String gender, String birthDate, String scenario) {}

    private DemoPatients() {}

    /**
     * Every resource of every demo bundle, with every date moved by the days between
     * {@link #WRITTEN_ON} and {@code today}, so that pregnancies are as far along today as written.
     */
    public static List<Resource> load(FhirContext fhir, LocalDate today) {
        List<Resource> resources = load(fhir);
        moveDates(fhir, resources, today);
        return resources;
    }

    private static void moveDates(FhirContext fhir, List<? extends Resource> resources, LocalDate today) {
        int days = (int) ChronoUnit.DAYS.between(WRITTEN_ON, today);
        var terser = fhir.newTerser();
        for (Resource resource : resources) {
            for (BaseDateTimeType date : terser.getAllPopulatedChildElementsOfType(resource, BaseDateTimeType.class)) {
                date.add(Calendar.DATE, days);
            }
        }
    }

    /** Every resource of every demo bundle, dated as written. */
    public static List<Resource> load(FhirContext fhir) {
        List<Resource> resources = new ArrayList<>();
        bundles(fhir).forEach(bundle -> bundle.getEntry().forEach(entry -> resources.add(entry.getResource())));
        return resources;
    }

    /** The demo patients, for the viewer's list. */
    public static List<Patient> patients(List<Resource> resources) {
        return resources.stream()
                .filter(Patient.class::isInstance)
                .map(Patient.class::cast)
                .toList();
    }

    /**
     * Each demo bundle's patient with the scenario its bundle is tagged with, her birth date moved
     * to {@code today} as the demo FHIR server moves it.
     */
    public static List<Summary> summaries(FhirContext fhir, LocalDate today) {
        List<Summary> summaries = new ArrayList<>();
        for (Bundle bundle : bundles(fhir)) {
            String scenario = bundle.getMeta().getTag().isEmpty()
                    ? ""
                    : bundle.getMeta().getTagFirstRep().getDisplay();
            bundle.getEntry().stream()
                    .map(Bundle.BundleEntryComponent::getResource)
                    .filter(Patient.class::isInstance)
                    .map(Patient.class::cast)
                    .findFirst()
                    .map(p -> {
                        moveDates(fhir, List.of(p), today);
                        return p;
                    })
                    .ifPresent(p -> summaries.add(new Summary(
                            p.getIdElement().getIdPart(),
                            p.getNameFirstRep().getNameAsSingleString(),
                            p.hasGender() ? p.getGender().toCode() : "unknown",
                            p.getBirthDateElement().getValueAsString(),
                            scenario)));
        }
        summaries.sort(Comparator.comparing(Summary::id));
        return summaries;
    }

    /** The demo bundles, one per patient, as written. */
    private static List<Bundle> bundles(FhirContext fhir) {
        List<Bundle> bundles = new ArrayList<>();
        var parser = fhir.newJsonParser();
        try {
            for (var file : new PathMatchingResourcePatternResolver().getResources(LOCATION)) {
                try (InputStream in = file.getInputStream()) {
                    bundles.add(
                            parser.parseResource(Bundle.class, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read demo patients", e);
        }
        return bundles;
    }
}
