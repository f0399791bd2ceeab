package org.rplcds.facts;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Specimen;
import org.hl7.fhir.r4.model.Type;
import org.rplcds.prefetch.PatientRecord;

/** Reads results and reports, diagnoses, orders, prescriptions and procedures into a {@link Chart}. */
final class ChartReader {

    private static final Set<String> POSITIVE_INTERPRETATIONS = Set.of("POS", "DET", "A", "AA");
    private static final Set<String> HIGH_INTERPRETATIONS = Set.of("H", "HH", "HU", ">");
    private static final Set<String> LOW_INTERPRETATIONS = Set.of("L", "LL", "LU", "<");
    private static final Set<String> NORMAL_INTERPRETATIONS = Set.of("N");
    private static final Set<String> NEGATIVE_INTERPRETATIONS = Set.of("NEG", "ND");
    private static final Pattern NEGATIVE_TEXT = Pattern.compile("\\b(negative|not detected|absent|neg)\\b");
    private static final Pattern NORMAL_KARYOTYPE = Pattern.compile("46,X[XY]");
    private static final Pattern UNBALANCED_KARYOTYPE = Pattern.compile("der\\(|\\bunbalanced\\b");
    private static final Pattern PREGNANCY_TISSUE =
            Pattern.compile("\\bproducts? of conception\\b|\\bpregnancy tissue\\b|\\bpoc\\b|\\bchorionic vill");
    private static final Pattern POSITIVE_TEXT = Pattern.compile("\\b(positive|detected|present|pos)\\b");
    /** Each drug's ingredient names, any of them as a whole word, compiled once. */
    private static final Map<Drug, Pattern> NEVER = neverPatterns();

    private final Terminology terminology;

    ChartReader(Terminology terminology) {
        this.terminology = terminology;
    }

    Chart read(PatientRecord record, Codes codes) {
        List<LabResult> labs = new ArrayList<>();
        for (Observation observation : record.observations()) {
            labs.addAll(results(observation, codes, record.patientId()));
        }
        for (DiagnosticReport report : record.diagnosticReports()) {
            labs.addAll(reports(report, codes));
        }
        labs.sort(java.util.Comparator.comparing(LabResult::date));
        List<Problem> problems = new ArrayList<>();
        for (Condition condition : record.conditions()) {
            if (!RecordFilters.usable(condition)) {
                continue;
            }
            Set<String> valueSets = codes.of(condition.getCode());
            for (ProblemKind kind : ProblemKind.values()) {
                if (!valueSets.contains(kind.valueSet())) {
                    continue;
                }
                codes.firstMatch(kind.valueSet(), condition.getCode())
                        .ifPresent(coding -> problems.add(new Problem(
                                kind,
                                RecordFilters.active(condition, record.conditions()),
                                RecordFilters.assumedCurrent(condition, record.conditions()),
                                RecordFilters.date(condition),
                                evidence(
                                        condition,
                                        RecordFilters.described(
                                                condition,
                                                record.conditions(),
                                                terminology.describe(condition.getCode(), coding)),
                                        RecordFilters.date(condition)))));
            }
        }
        List<Order> orders = new ArrayList<>();
        for (ServiceRequest request : record.serviceRequests()) {
            order(request, codes).ifPresent(orders::add);
        }
        List<Medication> medications = new ArrayList<>();
        for (MedicationRequest request : record.medicationRequests()) {
            medications.addAll(medications(request, codes));
        }
        List<PerformedProcedure> procedures = new ArrayList<>();
        for (Procedure procedure : record.procedures()) {
            boolean completed = procedure.getStatus() == Procedure.ProcedureStatus.COMPLETED;
            boolean inProgress = procedure.getStatus() == Procedure.ProcedureStatus.INPROGRESS;
            if (!completed && !inProgress) {
                continue;
            }
            Set<String> valueSets = codes.of(procedure.getCode());
            for (ProcedureKind kind : ProcedureKind.values()) {
                if (!valueSets.contains(kind.valueSet())) {
                    continue;
                }
                codes.firstMatch(kind.valueSet(), procedure.getCode())
                        .ifPresent(coding -> procedures.add(new PerformedProcedure(
                                kind,
                                completed,
                                RecordFilters.date(procedure),
                                evidence(
                                        procedure,
                                        terminology.describe(procedure.getCode(), coding),
                                        RecordFilters.date(procedure)))));
            }
        }
        return new Chart(
                List.copyOf(labs),
                List.copyOf(problems),
                List.copyOf(orders),
                List.copyOf(medications),
                List.copyOf(procedures));
    }

    private List<LabResult> results(Observation observation, Codes codes, String patientId) {
        if (!usable(observation)) {
            return List.of();
        }
        var date = RecordFilters.date(observation);
        if (date.isEmpty()) {
            return List.of();
        }
        List<LabResult> results = new ArrayList<>();
        // The value sets of each code once, rather than one look-up per analyte.
        Set<String> codeValueSets = codes.of(observation.getCode());
        List<Observation.ObservationComponentComponent> components = observation.getComponent();
        List<Set<String>> componentValueSets = new ArrayList<>(components.size());
        for (Observation.ObservationComponentComponent component : components) {
            componentValueSets.add(component.hasValue() ? codes.of(component.getCode()) : Set.of());
        }
        boolean tissue = pregnancyTissue(observation);
        boolean partner = partner(observation, patientId);
        for (Analyte analyte : Analyte.values()) {
            if (analyte == Analyte.TISSUE_KARYOTYPE || analyte == Analyte.PARTNER_KARYOTYPE) {
                // Read as a karyotype, then told apart by its focus or its specimen.
                continue;
            }
            if (codeValueSets.contains(analyte.valueSet())) {
                results.add(result(
                        analyte != Analyte.KARYOTYPE
                                ? analyte
                                : partner ? Analyte.PARTNER_KARYOTYPE : tissue ? Analyte.TISSUE_KARYOTYPE : analyte,
                        observation,
                        observation.getValue(),
                        observation.getInterpretation(),
                        observation.getReferenceRange(),
                        observation,
                        date.get(),
                        codes));
            }
            for (int i = 0; i < components.size(); i++) {
                Observation.ObservationComponentComponent component = components.get(i);
                if (componentValueSets.get(i).contains(analyte.valueSet())) {
                    results.add(result(
                            analyte,
                            observation,
                            component.getValue(),
                            component.getInterpretation(),
                            component.getReferenceRange(),
                            observation,
                            date.get(),
                            codes));
                }
            }
        }
        return results;
    }

    /**
     * A final, amended or corrected report of a karyotype, a uterine cavity assessment or a
     * cervical length is evidence that the test was done, dated by its effective time, else by
     * when it was issued. It carries no value: what it found is read from its Observations, when
     * the record has them.
     */
    private List<LabResult> reports(DiagnosticReport report, Codes codes) {
        if (!report.hasStatus()) {
            return List.of();
        }
        switch (report.getStatus()) {
            case FINAL, AMENDED, CORRECTED -> {}
            default -> {
                return List.of();
            }
        }
        Optional<java.time.LocalDate> date = reportDate(report);
        if (date.isEmpty()) {
            return List.of();
        }
        Set<String> valueSets = codes.of(report.getCode());
        String display = report.getCode().hasText()
                ? report.getCode().getText()
                : terminology.describe(report.getCode(), report.getCode().getCodingFirstRep());
        List<LabResult> results = new ArrayList<>();
        for (Analyte analyte : Analyte.REPORTED) {
            if (valueSets.contains(analyte.valueSet())) {
                results.add(new LabResult(
                        analyte,
                        date.get(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Interpretation.UNKNOWN,
                        evidence(report, display, date),
                        Optional.empty(),
                        // What the report found, in its own words.
                        Optional.ofNullable(report.getConclusion())));
            }
        }
        return results;
    }

    private static Optional<java.time.LocalDate> reportDate(DiagnosticReport report) {
        if (report.hasEffectiveDateTimeType()) {
            return RecordFilters.date(report.getEffectiveDateTimeType());
        }
        if (report.hasEffectivePeriod() && report.getEffectivePeriod().hasStart()) {
            return RecordFilters.date(report.getEffectivePeriod().getStartElement());
        }
        if (report.hasIssued()) {
            return RecordFilters.date(report.getIssuedElement());
        }
        return Optional.empty();
    }

    /** Final, amended or corrected; vital signs also when preliminary. */
    private static boolean usable(Observation observation) {
        if (RecordFilters.usable(observation)) {
            return true;
        }
        boolean vitalSign = observation.getCategory().stream()
                .flatMap(c -> c.getCoding().stream())
                .anyMatch(c -> "vital-signs".equals(c.getCode()));
        return vitalSign
                && observation.getStatus() == Observation.ObservationStatus.PRELIMINARY
                && !observation.hasDataAbsentReason();
    }

    private LabResult result(
            Analyte analyte,
            Observation observation,
            Type value,
            List<CodeableConcept> interpretations,
            List<Observation.ObservationReferenceRangeComponent> ranges,
            Resource source,
            java.time.LocalDate date,
            Codes codes) {
        Optional<BigDecimal> normalised = Optional.empty();
        Optional<BigDecimal> low = Optional.empty();
        Optional<BigDecimal> high = Optional.empty();
        Optional<LabResult.Recorded> recorded = Optional.empty();
        Interpretation interpretation = interpretation(interpretations);
        Optional<String> words = Optional.empty();
        if (value instanceof Quantity quantity && quantity.hasValue()) {
            String unit = quantity.hasCode() ? quantity.getCode() : quantity.getUnit();
            normalised = Units.normalise(analyte, quantity.getValue(), unit);
            if (normalised.isPresent()) {
                recorded = Optional.of(new LabResult.Recorded(quantity.getValue(), unit == null ? "" : unit));
            }
            for (Observation.ObservationReferenceRangeComponent range : ranges) {
                if (range.hasLow() && range.getLow().hasValue()) {
                    low = Units.normalise(analyte, range.getLow().getValue(), unitOf(range.getLow(), unit));
                }
                if (range.hasHigh() && range.getHigh().hasValue()) {
                    high = Units.normalise(analyte, range.getHigh().getValue(), unitOf(range.getHigh(), unit));
                }
                if (low.isPresent() || high.isPresent()) {
                    break;
                }
            }
            if (interpretation == Interpretation.UNKNOWN && normalised.isPresent()) {
                BigDecimal v = normalised.get();
                if (high.filter(h -> v.compareTo(h) > 0).isPresent()) {
                    interpretation = Interpretation.HIGH;
                } else if (low.filter(l -> v.compareTo(l) < 0).isPresent()) {
                    interpretation = Interpretation.LOW;
                } else if (high.isPresent() || low.isPresent()) {
                    interpretation = Interpretation.NORMAL;
                }
            }
        } else if (value instanceof org.hl7.fhir.r4.model.IntegerType integer && integer.getValue() != null) {
            normalised = Units.normalise(analyte, BigDecimal.valueOf(integer.getValue()), "");
        } else if (value instanceof CodeableConcept concept) {
            interpretation = coded(analyte, concept, codes).orElse(interpretation);
            words = Optional.ofNullable(
                    concept.hasText()
                            ? concept.getText()
                            : concept.getCodingFirstRep().getDisplay());
        } else if (value instanceof org.hl7.fhir.r4.model.StringType text && text.getValue() != null) {
            words = Optional.of(text.getValue());
            interpretation = switch (analyte) {
                case KARYOTYPE, PARTNER_KARYOTYPE -> karyotype(text.getValue(), interpretation);
                case TISSUE_KARYOTYPE -> tissueKaryotype(text.getValue());
                default -> text(text.getValue()).orElse(interpretation);
            };
        }
        String display = observation.getCode().hasText()
                ? observation.getCode().getText()
                : terminology.describe(
                        observation.getCode(), observation.getCode().getCodingFirstRep());
        return new LabResult(
                analyte,
                date,
                normalised,
                low,
                high,
                interpretation,
                evidence(source, display, Optional.of(date)),
                recorded,
                words);
    }

    private static String unitOf(Quantity limit, String fallback) {
        if (limit.hasCode()) {
            return limit.getCode();
        }
        return limit.hasUnit() ? limit.getUnit() : fallback;
    }

    private static Optional<Interpretation> coded(Analyte analyte, CodeableConcept value, Codes codes) {
        if (analyte == Analyte.SMOKING_STATUS) {
            return Optional.of(
                    codes.in(ValueSets.CURRENT_SMOKER, value) ? Interpretation.POSITIVE : Interpretation.NEGATIVE);
        }
        if (codes.in(ValueSets.POSITIVE_RESULT, value)) {
            return Optional.of(Interpretation.POSITIVE);
        }
        if (codes.in(ValueSets.NEGATIVE_RESULT, value)) {
            return Optional.of(Interpretation.NEGATIVE);
        }
        String text =
                value.hasText() ? value.getText() : value.getCodingFirstRep().getDisplay();
        return text == null ? Optional.empty() : text(text);
    }

    /**
     * A karyotype flagged abnormal (A, AA) stays so; otherwise its ISCN string is read: 46,XX or
     * 46,XY is normal, anything else abnormal (RPL-25).
     */
    private static Interpretation karyotype(String iscn, Interpretation flagged) {
        if (flagged == Interpretation.POSITIVE) {
            return Interpretation.ABNORMAL;
        }
        String karyotype = iscn.replaceAll("\\s", "").toUpperCase(Locale.ROOT);
        if (karyotype.isEmpty()) {
            return flagged;
        }
        return NORMAL_KARYOTYPE.matcher(karyotype).matches() ? Interpretation.NORMAL : Interpretation.ABNORMAL;
    }

    /**
     * A pregnancy-tissue karyotype reads abnormal when it names a derivative chromosome or an
     * unbalanced rearrangement (RCOG Green-top Guideline No. 17, 2023: the parents are karyotyped
     * when the tissue shows an unbalanced structural abnormality); a trisomy alone does not.
     */
    private static Interpretation tissueKaryotype(String iscn) {
        return UNBALANCED_KARYOTYPE.matcher(iscn.toLowerCase(Locale.ROOT)).find()
                ? Interpretation.ABNORMAL
                : Interpretation.NORMAL;
    }

    /**
     * An observation about someone else than her, recorded on her chart: its {@code focus} is a
     * RelatedPerson (her partner) or a Patient other than her. FHIR R4 Observation.focus is "the
     * actual focus of an observation when it is not the patient of record representing something or
     * someone associated with the patient such as a spouse" (hl7.org/fhir/R4/observation-definitions.html).
     * Her partner's karyotype is kept this way: it is his, never hers.
     */
    static boolean partner(Observation observation, String patientId) {
        return observation.getFocus().stream()
                .filter(focus -> focus.hasReference())
                .map(focus -> focus.getReferenceElement())
                .anyMatch(reference -> "RelatedPerson".equals(reference.getResourceType())
                        || ("Patient".equals(reference.getResourceType())
                                && reference.getIdPart() != null
                                && !reference.getIdPart().equals(patientId)));
    }

    /**
     * An observation on products of conception, by its specimen's words: the reference's display,
     * or a contained Specimen's type. No specimen code for it is verified.
     */
    static boolean pregnancyTissue(Observation observation) {
        if (!observation.hasSpecimen()) {
            return false;
        }
        var specimen = observation.getSpecimen();
        if (specimen.hasDisplay()
                && PREGNANCY_TISSUE
                        .matcher(specimen.getDisplay().toLowerCase(Locale.ROOT))
                        .find()) {
            return true;
        }
        String id = specimen.hasReference() ? specimen.getReference().replace("#", "") : "";
        return observation.getContained().stream()
                .filter(Specimen.class::isInstance)
                .map(Specimen.class::cast)
                .filter(s -> s.getIdElement().getIdPart() != null
                        && s.getIdElement().getIdPart().replace("#", "").equals(id))
                .anyMatch(s -> PREGNANCY_TISSUE
                        .matcher((s.getType().getText() + " "
                                        + s.getType().getCoding().stream()
                                                .map(Coding::getDisplay)
                                                .collect(Collectors.joining(" ")))
                                .toLowerCase(Locale.ROOT))
                        .find());
    }

    private static Optional<Interpretation> text(String value) {
        String text = value.toLowerCase(Locale.ROOT);
        // "not detected" contains "detected": the negative reading is checked first.
        if (NEGATIVE_TEXT.matcher(text).find()) {
            return Optional.of(Interpretation.NEGATIVE);
        }
        if (POSITIVE_TEXT.matcher(text).find()) {
            return Optional.of(Interpretation.POSITIVE);
        }
        return Optional.empty();
    }

    private static Interpretation interpretation(List<CodeableConcept> interpretations) {
        for (CodeableConcept concept : interpretations) {
            for (Coding coding : concept.getCoding()) {
                String code = coding.getCode() == null ? "" : coding.getCode().toUpperCase(Locale.ROOT);
                if (POSITIVE_INTERPRETATIONS.contains(code)) {
                    return Interpretation.POSITIVE;
                }
                if (HIGH_INTERPRETATIONS.contains(code)) {
                    return Interpretation.HIGH;
                }
                if (LOW_INTERPRETATIONS.contains(code)) {
                    return Interpretation.LOW;
                }
                if (NEGATIVE_INTERPRETATIONS.contains(code)) {
                    return Interpretation.NEGATIVE;
                }
                if (NORMAL_INTERPRETATIONS.contains(code)) {
                    return Interpretation.NORMAL;
                }
            }
        }
        return Interpretation.UNKNOWN;
    }

    static Optional<Order> order(ServiceRequest request, Codes codes) {
        RequestStatus status;
        switch (request.getStatus() == null ? ServiceRequest.ServiceRequestStatus.NULL : request.getStatus()) {
            case DRAFT -> status = RequestStatus.DRAFT;
            case ACTIVE, ONHOLD -> status = RequestStatus.ACTIVE;
            case COMPLETED -> status = RequestStatus.COMPLETED;
            default -> {
                return Optional.empty();
            }
        }
        CodeableConcept code = request.getCode();
        Set<String> valueSets = codes.of(code);
        Set<Analyte> tests = EnumSet.noneOf(Analyte.class);
        for (Analyte analyte : Analyte.values()) {
            if (valueSets.contains(analyte.valueSet())) {
                tests.add(analyte);
            }
        }
        Set<ProcedureKind> procedures = EnumSet.noneOf(ProcedureKind.class);
        for (ProcedureKind kind : ProcedureKind.values()) {
            if (valueSets.contains(kind.valueSet())) {
                procedures.add(kind);
            }
        }
        Optional<java.time.LocalDate> authored = request.hasAuthoredOn()
                ? RecordFilters.date(request.getAuthoredOnElement())
                : request.hasOccurrenceDateTimeType()
                        ? RecordFilters.date(request.getOccurrenceDateTimeType())
                        : Optional.empty();
        String text = text(code);
        return Optional.of(new Order(
                Set.copyOf(tests),
                Set.copyOf(procedures),
                status,
                authored,
                text,
                evidence(request, text.isEmpty() ? "order" : text, authored),
                valueSets,
                reasons(request.getReasonCode(), request.getReasonReference(), codes)));
    }

    static List<Medication> medications(MedicationRequest request, Codes codes) {
        RequestStatus status;
        switch (request.getStatus() == null ? MedicationRequest.MedicationRequestStatus.NULL : request.getStatus()) {
            case DRAFT -> status = RequestStatus.DRAFT;
            case ACTIVE, ONHOLD -> status = RequestStatus.ACTIVE;
            case COMPLETED -> status = RequestStatus.COMPLETED;
            case STOPPED, CANCELLED -> status = RequestStatus.STOPPED;
            default -> {
                return List.of();
            }
        }
        CodeableConcept medication = medication(request);
        Optional<java.time.LocalDate> authored =
                request.hasAuthoredOn() ? RecordFilters.date(request.getAuthoredOnElement()) : Optional.empty();
        String text = text(medication);
        String indication = indication(request);
        Set<String> valueSets = codes.of(medication);
        List<Medication> found = new ArrayList<>();
        Dose dose = null;
        for (Drug drug : Drug.values()) {
            if (matches(drug, valueSets, text) && !(drug == Drug.IMMUNOTHERAPY && nutrition(text, indication))) {
                dose = dose == null ? Dose.of(request) : dose;
                found.add(new Medication(
                        drug,
                        status,
                        authored,
                        indication,
                        evidence(request, text.isEmpty() ? drug.label() : text, authored),
                        drug.ingredient(text, medication),
                        dose,
                        reasons(request.getReasonCode(), request.getReasonReference(), codes),
                        drug == Drug.ORAL_ANTICOAGULANT && request.hasId()
                                ? Optional.of(new RequestCopy(request))
                                : Optional.empty()));
            }
        }
        return found;
    }

    /** Lipid emulsion given as food: parenteral nutrition is never immunotherapy. */
    private static final Pattern NUTRITION =
            Pattern.compile("\\b(?:parenteral nutrition|tpn|pn bag|nutrition support)\\b");

    private static boolean nutrition(String text, String indication) {
        return NUTRITION
                .matcher((text + " / " + indication).toLowerCase(Locale.ROOT))
                .find();
    }

    /** The value sets of a pregnancy loss, a reason that gives an order its context. */
    private static final List<String> LOSS_REASONS = List.of(
            ValueSets.MISCARRIAGE,
            ValueSets.RECURRENT_PREGNANCY_LOSS,
            ValueSets.FETAL_DEATH,
            ValueSets.MISCARRIAGE_HISTORY,
            ValueSets.MISCARRIAGE_SECOND_TRIMESTER);

    /** Words that name a pregnancy loss, for a reason given in words only. */
    private static final Pattern LOSS_WORDS = Pattern.compile(
            "\\b(?:miscarriages?|pregnancy loss(?:es)?|recurrent (?:pregnancy )?loss|abortion|stillbirth|fetal death)\\b");

    /**
     * Why an order says it is given: a coded reason in the loss value sets, or words naming a loss,
     * is the loss; any other code or words, another indication; references are kept for the rules.
     */
    static Reasons reasons(List<CodeableConcept> reasonCodes, List<Reference> references, Codes codes) {
        boolean loss = false;
        boolean other = false;
        for (CodeableConcept reason : reasonCodes) {
            if (reason.hasCoding()) {
                Set<String> sets = codes.of(reason);
                if (LOSS_REASONS.stream().anyMatch(sets::contains)) {
                    loss = true;
                } else {
                    other = true;
                }
            } else if (reason.hasText() && !reason.getText().isBlank()) {
                if (LOSS_WORDS
                        .matcher(reason.getText().toLowerCase(Locale.ROOT))
                        .find()) {
                    loss = true;
                } else {
                    other = true;
                }
            }
        }
        List<String> named = new ArrayList<>();
        for (Reference reference : references) {
            if (reference.hasReference()) {
                named.add(reference.getReference());
            } else if (reference.hasDisplay() || reference.hasIdentifier()) {
                // Named without a link to a record: it cannot be resolved, so it counts as another indication.
                other = true;
            }
        }
        return new Reasons(loss, other, named);
    }

    /** The words a prescriber gives for an order: its reasons, dosage texts and notes. */
    private static String indication(MedicationRequest request) {
        List<String> words = new ArrayList<>();
        request.getReasonCode().stream().map(ChartReader::text).forEach(words::add);
        request.getDosageInstruction().stream().filter(d -> d.hasText()).forEach(d -> words.add(d.getText()));
        request.getNote().stream().filter(n -> n.hasText()).forEach(n -> words.add(n.getText()));
        return String.join(" / ", words.stream().filter(w -> !w.isBlank()).toList());
    }

    /** The coded medicine, from the request or from a contained Medication it points to. */
    static CodeableConcept medication(MedicationRequest request) {
        if (request.hasMedicationCodeableConcept()) {
            return request.getMedicationCodeableConcept();
        }
        if (request.hasMedicationReference()) {
            String reference = request.getMedicationReference().getReference();
            for (Resource contained : request.getContained()) {
                if (contained instanceof org.hl7.fhir.r4.model.Medication medication
                        && reference != null
                        && reference.equals("#" + contained.getIdElement().getIdPart())) {
                    return medication.getCode();
                }
            }
            return new CodeableConcept()
                    .setText(request.getMedicationReference().getDisplay());
        }
        return new CodeableConcept();
    }

    private static boolean matches(Drug drug, Set<String> valueSets, String text) {
        // A product that is never this drug is checked first and wins, by code or by name.
        if (drug.never() != null
                && (valueSets.contains(drug.never())
                        || NEVER.get(drug)
                                .matcher(text.toLowerCase(Locale.ROOT))
                                .find())) {
            return false;
        }
        if (drug.valueSet() != null && valueSets.contains(drug.valueSet())) {
            return true;
        }
        String names = text.toLowerCase(Locale.ROOT);
        for (String excluded : drug.exclusions()) {
            names = names.replace(excluded, " ");
        }
        return drug.wholeNames().matcher(names).find();
    }

    /** Whole words or phrases, where a name may hold punctuation ("rho(d)", "anti-d"). */
    private static Map<Drug, Pattern> neverPatterns() {
        Map<Drug, Pattern> patterns = new EnumMap<>(Drug.class);
        for (Drug drug : Drug.values()) {
            patterns.put(
                    drug,
                    drug.neverNames().isEmpty()
                            ? Pattern.compile("(?!)")
                            : Pattern.compile(drug.neverNames().stream()
                                    .map(Pattern::quote)
                                    .collect(Collectors.joining("|", "(?<![a-z0-9])(?:", ")(?![a-z0-9])"))));
        }
        return patterns;
    }

    /** All the words of a concept: its text and every coding's display. */
    private static String text(CodeableConcept concept) {
        StringBuilder text = new StringBuilder(concept.hasText() ? concept.getText() : "");
        for (Coding coding : concept.getCoding()) {
            if (coding.hasDisplay()) {
                text.append(text.length() == 0 ? "" : " / ").append(coding.getDisplay());
            }
        }
        return text.toString();
    }

    private static Evidence evidence(Resource resource, String description, Optional<java.time.LocalDate> date) {
        return new Evidence(resource.fhirType() + "/" + resource.getIdElement().getIdPart(), description, date);
    }
}
