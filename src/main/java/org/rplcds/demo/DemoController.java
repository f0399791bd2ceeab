package org.rplcds.demo;

import ca.uhn.fhir.context.FhirContext;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The demo patients for the card viewer's list. */
@RestController
@ConditionalOnProperty(name = "cds.demo.enabled", havingValue = "true")
class DemoController {

    private final List<DemoPatients.Summary> patients;

    DemoController(FhirContext fhir) {
        this.patients = DemoPatients.summaries(fhir);
    }

    @GetMapping("/demo/patients")
    List<DemoPatients.Summary> patients() {
        return patients;
    }
}
