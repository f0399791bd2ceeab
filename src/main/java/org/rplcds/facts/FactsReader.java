package org.rplcds.facts;

import java.time.LocalDate;
import java.time.Period;
import java.util.Optional;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Patient;
import org.rplcds.prefetch.PatientRecord;
import org.springframework.stereotype.Component;

/** Reads a patient's record into the facts the rules work on. */
@Component
public class FactsReader {

    private final ObstetricHistoryReader histories;
    private final PregnancyReader pregnancies;
    private final ChartReader charts;
    private final Terminology terminology;

    public FactsReader(Terminology terminology) {
        this.terminology = terminology;
        this.histories = new ObstetricHistoryReader(terminology);
        this.pregnancies = new PregnancyReader(terminology);
        this.charts = new ChartReader(terminology);
    }

    public PatientFacts read(PatientRecord record, LocalDate evaluationDate, LossCounting counting) {
        Codes codes = new Codes(terminology);
        ObstetricHistory history = histories.read(record, counting, codes);
        Pregnancy pregnancy = pregnancies.read(record, history, evaluationDate, codes);
        return new PatientFacts(
                record.patientId(),
                evaluationDate,
                sex(record.patient()),
                age(record.patient(), evaluationDate),
                history,
                pregnancy,
                charts.read(record, codes),
                deceased(record.patient(), evaluationDate));
    }

    /**
     * FHIR R4 Patient.deceased[x]: a boolean, or the date of death; a date after the evaluation
     * date (a record dated ahead) does not yet say so.
     */
    private static boolean deceased(Optional<Patient> patient, LocalDate today) {
        if (patient.isEmpty() || !patient.get().hasDeceased()) {
            return false;
        }
        Patient p = patient.get();
        if (p.hasDeceasedBooleanType()) {
            return p.getDeceasedBooleanType().booleanValue();
        }
        return p.hasDeceasedDateTimeType()
                && RecordFilters.date(p.getDeceasedDateTimeType())
                        .filter(d -> !d.isAfter(today))
                        .isPresent();
    }

    private static Sex sex(Optional<Patient> patient) {
        Enumerations.AdministrativeGender gender =
                patient.map(Patient::getGender).orElse(null);
        if (gender == null) {
            return Sex.UNKNOWN;
        }
        return switch (gender) {
            case FEMALE -> Sex.FEMALE;
            case MALE -> Sex.MALE;
            case OTHER -> Sex.OTHER;
            default -> Sex.UNKNOWN;
        };
    }

    private static Optional<Integer> age(Optional<Patient> patient, LocalDate today) {
        return patient.filter(Patient::hasBirthDate)
                .flatMap(p -> RecordFilters.date(p.getBirthDateElement()))
                .filter(birth -> !birth.isAfter(today))
                .map(birth -> Period.between(birth, today).getYears());
    }
}
