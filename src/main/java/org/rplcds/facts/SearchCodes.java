package org.rplcds.facts;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.springframework.stereotype.Component;

/**
 * The codes the facts read from each resource type's {@code code}, for the {@code code=} filters
 * of prefetch searches: a server then answers what the rules can use instead of a whole chart of
 * vital signs. Each list is every code of the value sets the readers of that type test; a reader
 * that tests a new value set adds it here, and a test compares the facts of filtered and whole
 * records on every fixture. Codes go without their system: a server then matches them in any
 * system, which can only add resources the readers leave out again.
 */
@Component
public class SearchCodes {

    /** What {@code ChartReader} and {@code PregnancyReader} and the loss reader test on Observation.code. */
    static final List<String> OBSERVATION = observationValueSets();

    /** What {@code ChartReader} and the loss reader test on Procedure.code. */
    static final List<String> PROCEDURE = List.of(
            ValueSets.CERCLAGE,
            ValueSets.VAGINAL_CERCLAGE,
            ValueSets.ABDOMINAL_CERCLAGE,
            ValueSets.CERCLAGE_REMOVAL,
            ValueSets.KARYOTYPE,
            ValueSets.UTERINE_ASSESSMENT,
            ValueSets.UTERINE_CORRECTIVE_PROCEDURE,
            ValueSets.SPONTANEOUS_LOSS_PROCEDURE,
            ValueSets.INDUCED_ABORTION,
            ValueSets.ECTOPIC_PREGNANCY,
            ValueSets.MOLAR_PREGNANCY,
            ValueSets.FETAL_DEATH,
            ValueSets.INTRAUTERINE_DEATH,
            ValueSets.MISCARRIAGE,
            ValueSets.BIOCHEMICAL_PREGNANCY,
            ValueSets.LIVE_BIRTH);

    /** Reports that show a test was done (clinical contract §8 R3). */
    static final List<String> DIAGNOSTIC_REPORT =
            List.of(ValueSets.KARYOTYPE, ValueSets.UTERINE_ASSESSMENT, ValueSets.CERVICAL_LENGTH);

    private static final Map<String, List<String>> BY_TYPE =
            Map.of("Observation", OBSERVATION, "Procedure", PROCEDURE, "DiagnosticReport", DIAGNOSTIC_REPORT);

    private final Terminology terminology;

    public SearchCodes(Terminology terminology) {
        this.terminology = terminology;
    }

    /**
     * The codes of a resource type, sorted and each once; empty when the facts read no codes of
     * that type. An is-a filter cannot be listed: its members are ICD-10-CM diagnoses, which
     * Observation, Procedure and DiagnosticReport codes are not drawn from.
     */
    public Optional<List<String>> codes(String resourceType) {
        List<String> valueSets = BY_TYPE.get(resourceType);
        if (valueSets == null) {
            return Optional.empty();
        }
        TreeSet<String> codes = new TreeSet<>();
        for (String valueSet : valueSets) {
            codes.addAll(terminology.enumeratedCodes(valueSet));
        }
        return Optional.of(new ArrayList<>(codes));
    }

    private static List<String> observationValueSets() {
        List<String> valueSets = new ArrayList<>();
        for (Analyte analyte : Analyte.values()) {
            valueSets.add(analyte.valueSet());
        }
        valueSets.add(ValueSets.PREGNANCY_STATUS);
        valueSets.add(ValueSets.ESTIMATED_DUE_DATE);
        valueSets.add(ValueSets.GESTATIONAL_AGE);
        valueSets.add(ValueSets.LAST_MENSTRUAL_PERIOD);
        valueSets.add(ValueSets.SPONTANEOUS_ABORTION_COUNT);
        return List.copyOf(valueSets);
    }
}
