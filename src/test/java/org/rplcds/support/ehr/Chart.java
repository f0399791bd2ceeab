package org.rplcds.support.ehr;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.Resource;

/** The resources a server holds, by type, in the order they were given. */
final class Chart {

    private final Map<String, List<Resource>> byType = new LinkedHashMap<>();

    Chart(List<? extends Resource> resources) {
        for (Resource resource : resources) {
            byType.computeIfAbsent(resource.fhirType(), t -> new ArrayList<>()).add(resource);
        }
    }

    /** The resources of a type about one patient. */
    List<Resource> of(String type, String patientId) {
        return byType.getOrDefault(type, List.of()).stream()
                .filter(r -> Elements.patientId(r).filter(patientId::equals).isPresent())
                .toList();
    }

    Optional<Resource> byId(String type, String id) {
        return byType.getOrDefault(type, List.of()).stream()
                .filter(r -> id.equals(r.getIdElement().getIdPart()))
                .findFirst();
    }
}
