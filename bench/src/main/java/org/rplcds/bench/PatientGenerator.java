package org.rplcds.bench;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;

/**
 * Synthetic patient-view requests with full prefetch, the same for the same size, seed and
 * evaluation date: a woman of 33 with three first-trimester miscarriages, a live birth, treated
 * hypertension, and ten years of visits (vital signs, laboratory results with UCUM units and
 * reference ranges, smoking status), prescriptions, orders and procedures around them.
 *
 * <p>{@code java ... PatientGenerator <directory> <yyyy-mm-dd>} writes {@code typical.request.json}
 * (100 resources) and {@code large.request.json} (2,000 resources).
 */
public final class PatientGenerator {

    /** The prefetch key of each searched resource type, in the order of the service's templates. */
    static final Map<String, String> PREFETCH_KEYS = prefetchKeys();

    public static final int TYPICAL = 100;
    public static final int LARGE = 2_000;
    static final long SEED = 20_250_601L;

    private static final String SNOMED = "http://snomed.info/sct";
    private static final String ICD10 = "http://hl7.org/fhir/sid/icd-10-cm";
    private static final String LOINC = "http://loinc.org";
    private static final String RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm";
    private static final String UCUM = "http://unitsofmeasure.org";
    private static final String BASE = "https://ehr.example.org/fhir/";

    /** Problems a primary-care record accumulates, none of them about pregnancy. */
    private static final String[][] PROBLEMS = {
        {SNOMED, "444814009", "Viral sinusitis (disorder)"},
        {SNOMED, "195662009", "Acute viral pharyngitis (disorder)"},
        {SNOMED, "10509002", "Acute bronchitis (disorder)"},
        {SNOMED, "43878008", "Streptococcal sore throat (disorder)"},
        {SNOMED, "65363002", "Otitis media (disorder)"},
        {SNOMED, "44465007", "Sprain of ankle (disorder)"},
        {SNOMED, "283371005", "Laceration of forearm (disorder)"},
        {SNOMED, "73595000", "Stress (finding)"},
        {SNOMED, "162864005", "Body mass index 30+ - obesity (finding)"},
        {SNOMED, "15777000", "Prediabetes (finding)"},
        {SNOMED, "40055000", "Chronic sinusitis (disorder)"},
        {SNOMED, "68496003", "Polyp of colon (disorder)"},
        {ICD10, "J06.9", "Acute upper respiratory infection, unspecified"},
        {ICD10, "M54.50", "Low back pain, unspecified"},
        {ICD10, "R51.9", "Headache, unspecified"},
        {ICD10, "K21.9", "Gastro-esophageal reflux disease without esophagitis"},
        {ICD10, "N39.0", "Urinary tract infection, site not specified"},
        {ICD10, "F41.1", "Generalized anxiety disorder"},
    };

    /** Laboratory tests: LOINC, display, UCUM unit, mean, spread, low and high reference limits. */
    private static final Object[][] LABS = {
        {"718-7", "Hemoglobin [Mass/volume] in Blood", "g/dL", 13.1, 0.9, 12.0, 15.5},
        {"4548-4", "Hemoglobin A1c/Hemoglobin.total in Blood", "%", 5.5, 0.3, 4.0, 5.6},
        {"2339-0", "Glucose [Mass/volume] in Blood", "mg/dL", 88.0, 9.0, 70.0, 99.0},
        {"2160-0", "Creatinine [Mass/volume] in Serum or Plasma", "mg/dL", 0.8, 0.1, 0.5, 1.1},
        {"3016-3", "Thyrotropin [Units/volume] in Serum or Plasma", "m[IU]/L", 2.1, 0.7, 0.4, 4.0},
        {"3024-7", "Thyroxine (T4) free [Mass/volume] in Serum or Plasma", "ng/dL", 1.2, 0.15, 0.8, 1.8},
        {"2276-4", "Ferritin [Mass/volume] in Serum or Plasma", "ng/mL", 48.0, 15.0, 15.0, 150.0},
        {"777-3", "Platelets [#/volume] in Blood by Automated count", "10*3/uL", 260.0, 40.0, 150.0, 400.0},
        {"6690-2", "Leukocytes [#/volume] in Blood by Automated count", "10*3/uL", 6.8, 1.4, 4.0, 11.0},
        {"2951-2", "Sodium [Moles/volume] in Serum or Plasma", "mmol/L", 140.0, 2.0, 136.0, 145.0},
        {"2823-3", "Potassium [Moles/volume] in Serum or Plasma", "mmol/L", 4.2, 0.3, 3.5, 5.1},
        {"2093-3", "Cholesterol [Mass/volume] in Serum or Plasma", "mg/dL", 182.0, 22.0, 0.0, 200.0},
    };

    /** Prescriptions: RxNorm code and display. */
    private static final String[][] MEDICINES = {
        {"314076", "lisinopril 10 MG Oral Tablet"},
        {"197361", "amlodipine 5 MG Oral Tablet"},
        {"313782", "Acetaminophen 325 MG Oral Tablet"},
        {"310965", "Ibuprofen 200 MG Oral Tablet"},
        {"308182", "Amoxicillin 250 MG Oral Capsule"},
        {"310410", "folic acid 1 MG Oral Tablet"},
        {"312961", "Simvastatin 20 MG Oral Tablet"},
        {"860975", "24 HR Metformin hydrochloride 500 MG Extended Release Oral Tablet"},
    };

    /** Orders: LOINC code and display. */
    private static final String[][] ORDERS = {
        {"24323-8", "Comprehensive metabolic 2000 panel - Serum or Plasma"},
        {"58410-2", "CBC panel - Blood by Automated count"},
        {"57698-3", "Lipid panel with direct LDL - Serum or Plasma"},
        {"5767-9", "Appearance of Urine"},
    };

    /** Procedures: SNOMED code and display. */
    private static final String[][] PROCEDURES = {
        {"430193006", "Medication Reconciliation (procedure)"},
        {"171207006", "Depression screening (procedure)"},
        {"710824005", "Assessment of health and social care needs (procedure)"},
        {"454711000124102", "Depression screening using Patient Health Questionnaire Two-Item score (procedure)"},
        {"428211000124100", "Assessment of substance use (procedure)"},
        {"713106006", "Screening for drug abuse (procedure)"},
    };

    private final Random random;
    private final String patientId;
    private final LocalDate today;
    private final Patient patient = new Patient();
    private final List<Condition> conditions = new ArrayList<>();
    private final List<Observation> observations = new ArrayList<>();
    private final List<MedicationRequest> medicationRequests = new ArrayList<>();
    private final List<ServiceRequest> serviceRequests = new ArrayList<>();
    private final List<Procedure> procedures = new ArrayList<>();

    private PatientGenerator(String patientId, int resources, LocalDate today, long seed) {
        this.random = new Random(seed);
        this.patientId = patientId;
        this.today = today;
        build(resources);
    }

    /** The generated record, by prefetch key, each search as a searchset Bundle. */
    public static Map<String, Resource> prefetch(String patientId, int resources, LocalDate today) {
        return new PatientGenerator(patientId, resources, today, SEED).prefetch();
    }

    /** A patient-view request with full prefetch, compact JSON. */
    public static String request(FhirContext fhir, String patientId, int resources, LocalDate today) {
        return request(fhir.newJsonParser(), patientId, prefetch(patientId, resources, today));
    }

    private static String request(IParser parser, String patientId, Map<String, Resource> prefetch) {
        StringBuilder json = new StringBuilder();
        json.append("{\"hookInstance\":\"d1577c69-dfbe-44ad-ba6d-3e05e953b2ea\",\"hook\":\"patient-view\",")
                .append("\"context\":{\"userId\":\"Practitioner/example\",\"patientId\":\"")
                .append(patientId)
                .append("\"},\"prefetch\":{");
        String separator = "";
        for (var entry : prefetch.entrySet()) {
            json.append(separator)
                    .append('"')
                    .append(entry.getKey())
                    .append("\":")
                    .append(parser.encodeResourceToString(entry.getValue()));
            separator = ",";
        }
        return json.append("}}").toString();
    }

    /** The Synthea chart of bench/fixtures, the median of its run. */
    public static final Path SYNTHEA_CHART = Path.of("bench/fixtures/Bundle-synthea-median.json");

    /** Copies of the median Synthea chart in the Synthea-sized request: about 4 MB, its run's 99th percentile. */
    public static final int SYNTHEA_COPIES = 3;

    /** A request by name: {@code typical} and {@code large} generated, {@code synthea4mb} from Synthea. */
    public static String request(FhirContext fhir, String name, LocalDate today) {
        return switch (name) {
            case "typical" -> request(fhir, "bench-typical", TYPICAL, today);
            case "large" -> request(fhir, "bench-large", LARGE, today);
            case "synthea4mb" -> syntheaRequest(fhir, SYNTHEA_CHART, SYNTHEA_COPIES);
            default -> throw new IllegalArgumentException("no patient " + name);
        };
    }

    /**
     * A patient-view request with full prefetch of a whole Synthea chart, each resource but the
     * Patient there {@code copies} times (the copies under ids of their own): a chart of the size
     * of Synthea's largest with the make-up of its median, vital signs, notes and all.
     */
    public static String syntheaRequest(FhirContext fhir, Path chartFile, int copies) {
        IParser parser = fhir.newJsonParser();
        Bundle chart;
        try {
            chart = parser.parseResource(Bundle.class, Files.readString(chartFile));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Map<String, String> keys = PREFETCH_KEYS;
        Map<String, List<Resource>> byKey = new LinkedHashMap<>();
        keys.values().forEach(key -> byKey.put(key, new ArrayList<>()));
        Patient patient = null;
        for (int copy = 0; copy < copies; copy++) {
            for (Bundle.BundleEntryComponent entry : chart.getEntry()) {
                Resource resource = entry.getResource();
                if (resource instanceof Patient p) {
                    patient = p;
                } else if (keys.containsKey(resource.fhirType())) {
                    Resource copied = resource.copy();
                    if (copy > 0) {
                        copied.setId(resource.getIdElement().getIdPart() + "-" + copy);
                    }
                    byKey.get(keys.get(resource.fhirType())).add(copied);
                }
            }
        }
        if (patient == null) {
            throw new IllegalStateException(chartFile + " holds no Patient");
        }
        Map<String, Resource> prefetch = new LinkedHashMap<>();
        prefetch.put("patient", patient);
        byKey.forEach((key, resources) -> prefetch.put(key, searchset(resources)));
        return request(parser, patient.getIdElement().getIdPart(), prefetch);
    }

    public static void main(String[] args) throws IOException {
        Path directory = Path.of(args[0]);
        LocalDate today = args.length > 1 ? LocalDate.parse(args[1]) : LocalDate.now();
        Files.createDirectories(directory);
        FhirContext fhir = FhirContext.forR4();
        for (String name : List.of("typical", "large", "synthea4mb")) {
            String request = request(fhir, name, today);
            Path file = directory.resolve(name + ".request.json");
            Files.writeString(file, request, StandardCharsets.UTF_8);
            int resources = 0;
            for (com.fasterxml.jackson.databind.JsonNode value : new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(request)
                    .get("prefetch")) {
                resources += "Bundle".equals(value.path("resourceType").asText())
                        ? value.path("entry").size()
                        : 1;
            }
            System.out.printf(
                    "%s: %d resources, %d bytes%n", file, resources, request.getBytes(StandardCharsets.UTF_8).length);
        }
    }

    private Map<String, Resource> prefetch() {
        Map<String, Resource> prefetch = new LinkedHashMap<>();
        prefetch.put("patient", patient);
        prefetch.put("conditions", searchset(conditions));
        prefetch.put("observations", searchset(observations));
        prefetch.put("medicationRequests", searchset(medicationRequests));
        prefetch.put("serviceRequests", searchset(serviceRequests));
        prefetch.put("procedures", searchset(procedures));
        prefetch.put("diagnosticReports", searchset(List.of()));
        return prefetch;
    }

    private static Bundle searchset(List<? extends Resource> resources) {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.SEARCHSET).setTotal(resources.size());
        for (Resource resource : resources) {
            bundle.addEntry()
                    .setFullUrl(BASE + resource.fhirType() + "/"
                            + resource.getIdElement().getIdPart())
                    .setResource(resource)
                    .getSearch()
                    .setMode(Bundle.SearchEntryMode.MATCH);
        }
        return bundle;
    }

    private void build(int resources) {
        patient.setId(patientId);
        patient.addIdentifier(new Identifier()
                .setSystem("https://ehr.example.org/mrn")
                .setValue(String.valueOf(100_000 + random.nextInt(900_000))));
        patient.addName(new HumanName().setFamily("Benchmark").addGiven("Ada"));
        patient.setGender(Enumerations.AdministrativeGender.FEMALE);
        patient.setBirthDateElement(
                new DateType(today.minusYears(33).minusDays(41).toString()));
        patient.addAddress(new Address().setCity("Leeds").setCountry("GB"));

        int conditionCount = Math.max(12, resources * 8 / 100);
        int medicineCount = Math.max(4, resources * 4 / 100);
        int orderCount = Math.max(3, resources * 3 / 100);
        int procedureCount = Math.max(5, resources * 5 / 100);
        int observationCount = resources - 1 - conditionCount - medicineCount - orderCount - procedureCount;

        // The obstetric history: three miscarriages (two codings of the second), a live birth.
        obstetric(SNOMED, "19169002", "Miscarriage in first trimester", today.minusYears(6), "resolved");
        obstetric(ICD10, "Z37.0", "Single live birth", today.minusYears(5).minusMonths(2), "resolved");
        obstetric(SNOMED, "19169002", "Miscarriage in first trimester", today.minusYears(3), "resolved");
        obstetric(
                ICD10,
                "O03.9",
                "Complete or unspecified spontaneous abortion without complication",
                today.minusYears(3).plusDays(9),
                "resolved");
        obstetric(SNOMED, "17369002", "Miscarriage", today.minusYears(1).minusMonths(4), "resolved");
        obstetric(SNOMED, "59621000", "Essential hypertension", today.minusYears(4), "active");
        while (conditions.size() < conditionCount) {
            String[] problem = PROBLEMS[random.nextInt(PROBLEMS.length)];
            obstetric(
                    problem[0],
                    problem[1],
                    problem[2],
                    pastDate(3_650),
                    random.nextInt(5) == 0 ? "active" : "resolved");
        }

        while (observations.size() < observationCount) {
            LocalDate visit = pastDate(3_650);
            vitals(visit, observationCount);
            if (random.nextInt(3) == 0) {
                for (int i = 0; i < 4 && observations.size() < observationCount; i++) {
                    lab(visit, LABS[random.nextInt(LABS.length)]);
                }
            }
            if (random.nextInt(6) == 0 && observations.size() < observationCount) {
                smoking(visit);
            }
        }

        while (medicationRequests.size() < medicineCount) {
            String[] medicine = MEDICINES[random.nextInt(MEDICINES.length)];
            LocalDate authored = pastDate(3_650);
            MedicationRequest request = new MedicationRequest();
            request.setId("med-" + (medicationRequests.size() + 1));
            request.setStatus(
                    authored.isAfter(today.minusMonths(6))
                            ? MedicationRequest.MedicationRequestStatus.ACTIVE
                            : MedicationRequest.MedicationRequestStatus.COMPLETED);
            request.setIntent(MedicationRequest.MedicationRequestIntent.ORDER);
            request.setMedication(concept(RXNORM, medicine[0], medicine[1]));
            request.setSubject(subject());
            request.setAuthoredOnElement(new DateTimeType(authored + "T10:30:00Z"));
            request.addDosageInstruction().setText("Take one tablet by mouth daily");
            medicationRequests.add(request);
        }

        while (serviceRequests.size() < orderCount) {
            String[] order = ORDERS[random.nextInt(ORDERS.length)];
            LocalDate authored = pastDate(3_650);
            ServiceRequest request = new ServiceRequest();
            request.setId("order-" + (serviceRequests.size() + 1));
            request.setStatus(ServiceRequest.ServiceRequestStatus.COMPLETED);
            request.setIntent(ServiceRequest.ServiceRequestIntent.ORDER);
            request.setCode(concept(LOINC, order[0], order[1]));
            request.setSubject(subject());
            request.setAuthoredOnElement(new DateTimeType(authored + "T09:00:00Z"));
            serviceRequests.add(request);
        }

        while (procedures.size() < procedureCount) {
            String[] done = PROCEDURES[random.nextInt(PROCEDURES.length)];
            Procedure procedure = new Procedure();
            procedure.setId("proc-" + (procedures.size() + 1));
            procedure.setStatus(Procedure.ProcedureStatus.COMPLETED);
            procedure.setCode(concept(SNOMED, done[0], done[1]));
            procedure.setSubject(subject());
            procedure.setPerformed(new DateTimeType(pastDate(3_650) + "T11:00:00Z"));
            procedures.add(procedure);
        }
    }

    private void obstetric(String system, String code, String display, LocalDate onset, String clinical) {
        Condition condition = new Condition();
        condition.setId("cond-" + (conditions.size() + 1));
        condition.setClinicalStatus(
                concept("http://terminology.hl7.org/CodeSystem/condition-clinical", clinical, null));
        condition.setVerificationStatus(
                concept("http://terminology.hl7.org/CodeSystem/condition-ver-status", "confirmed", null));
        condition.addCategory(concept(
                "http://terminology.hl7.org/CodeSystem/condition-category",
                "encounter-diagnosis",
                "Encounter Diagnosis"));
        condition.setCode(concept(system, code, display));
        condition.setSubject(subject());
        condition.setEncounter(new Reference("Encounter/enc-" + onset));
        condition.setOnset(new DateTimeType(onset + "T08:15:00Z"));
        condition.setRecordedDateElement(new DateTimeType(onset + "T08:15:00Z"));
        conditions.add(condition);
    }

    private void vitals(LocalDate visit, int limit) {
        double height = 165.0;
        double weight = round(71.0 + random.nextGaussian() * 4.0, 1);
        vital(visit, "8302-2", "Body Height", height, "cm", limit);
        vital(visit, "29463-7", "Body Weight", weight, "kg", limit);
        vital(visit, "39156-5", "Body mass index (BMI) [Ratio]", round(weight / 2.7225, 1), "kg/m2", limit);
        vital(visit, "8867-4", "Heart rate", round(72 + random.nextGaussian() * 8, 0), "/min", limit);
        vital(visit, "9279-1", "Respiratory rate", round(15 + random.nextGaussian() * 2, 0), "/min", limit);
        vital(visit, "8310-5", "Body temperature", round(36.8 + random.nextGaussian() * 0.3, 1), "Cel", limit);
        if (observations.size() < limit) {
            Observation pressure = observation(visit, "vital-signs", "85354-9", "Blood pressure panel");
            pressure.addComponent()
                    .setCode(concept(LOINC, "8480-6", "Systolic blood pressure"))
                    .setValue(quantity(round(128 + random.nextGaussian() * 9, 0), "mm[Hg]"));
            pressure.addComponent()
                    .setCode(concept(LOINC, "8462-4", "Diastolic blood pressure"))
                    .setValue(quantity(round(82 + random.nextGaussian() * 6, 0), "mm[Hg]"));
        }
    }

    private void vital(LocalDate visit, String code, String display, double value, String unit, int limit) {
        if (observations.size() < limit) {
            observation(visit, "vital-signs", code, display).setValue(quantity(value, unit));
        }
    }

    private void lab(LocalDate visit, Object[] test) {
        double mean = (double) test[3];
        double spread = (double) test[4];
        double low = (double) test[5];
        double high = (double) test[6];
        double value = round(Math.max(0.05, mean + random.nextGaussian() * spread), 2);
        Observation lab = observation(visit, "laboratory", (String) test[0], (String) test[1]);
        lab.setValue(quantity(value, (String) test[2]));
        var range = lab.addReferenceRange();
        range.setLow(quantity(low, (String) test[2]));
        range.setHigh(quantity(high, (String) test[2]));
        String flag = value > high ? "H" : value < low ? "L" : "N";
        lab.addInterpretation(
                concept("http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation", flag, null));
    }

    private void smoking(LocalDate visit) {
        Observation status = observation(visit, "social-history", "72166-2", "Tobacco smoking status");
        status.setValue(concept(SNOMED, "8517006", "Ex-smoker (finding)"));
    }

    private Observation observation(LocalDate date, String category, String code, String display) {
        Observation observation = new Observation();
        observation.setId("obs-" + (observations.size() + 1));
        observation.setStatus(Observation.ObservationStatus.FINAL);
        observation.addCategory(concept("http://terminology.hl7.org/CodeSystem/observation-category", category, null));
        observation.setCode(concept(LOINC, code, display));
        observation.setSubject(subject());
        observation.setEffective(new DateTimeType(date + "T09:" + (10 + random.nextInt(50)) + ":00Z"));
        observations.add(observation);
        return observation;
    }

    private Reference subject() {
        return new Reference("Patient/" + patientId);
    }

    private LocalDate pastDate(int days) {
        return today.minusDays(1 + random.nextInt(days));
    }

    private static CodeableConcept concept(String system, String code, String display) {
        return new CodeableConcept(new Coding(system, code, display));
    }

    private static Quantity quantity(double value, String unit) {
        return new Quantity()
                .setValue(BigDecimal.valueOf(value))
                .setUnit(unit)
                .setSystem(UCUM)
                .setCode(unit);
    }

    private static double round(double value, int places) {
        return BigDecimal.valueOf(value).setScale(places, RoundingMode.HALF_UP).doubleValue();
    }

    private static Map<String, String> prefetchKeys() {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("Condition", "conditions");
        keys.put("Observation", "observations");
        keys.put("MedicationRequest", "medicationRequests");
        keys.put("ServiceRequest", "serviceRequests");
        keys.put("Procedure", "procedures");
        keys.put("DiagnosticReport", "diagnosticReports");
        return java.util.Collections.unmodifiableMap(keys);
    }
}
