package org.rplcds.support;

import java.time.LocalDate;
import java.util.List;
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

    public static PatientFacts facts(LossCounting counting, IBaseResource... resources) {
        return READER.read(PatientRecord.of("p1", List.of(resources)), TODAY, counting);
    }
}
