package org.rplcds.demo;

import ca.uhn.fhir.context.FhirContext;
import java.util.List;
import org.rplcds.system.EvaluationDate;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The demo patients for the card viewer's list. */
@RestController
@ConditionalOnProperty(name = "cds.demo.enabled", havingValue = "true")
class DemoController {

    private final List<DemoPatients.Summary> patients;

    DemoController(FhirContext fhir, EvaluationDate evaluationDate) {
        this.patients = DemoPatients.summaries(fhir, evaluationDate.today());
    }

    @GetMapping("/demo/patients")
    List<DemoPatients.Summary> patients() {
        return patients;
    }
}
