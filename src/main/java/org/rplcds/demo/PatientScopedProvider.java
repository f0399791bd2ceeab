package org.rplcds.demo;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.annotation.RequiredParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.server.provider.HashMapResourceProvider;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/** HAPI's in-memory provider, with the {@code patient} search parameter CDS prefetch uses. */
public class PatientScopedProvider<T extends Resource> extends HashMapResourceProvider<T> {

    public PatientScopedProvider(FhirContext fhir, Class<T> type) {
        super(fhir, type);
    }

    @Search
    public List<IBaseResource> byPatient(
            RequestDetails details, @RequiredParam(name = "patient") ReferenceParam patient) {
        String wanted = "Patient/" + patient.getIdPart();
        return searchAll(details).getAllResources().stream()
                .filter(r -> wanted.equals(subject(r)))
                .toList();
    }

    private static String subject(IBaseResource resource) {
        if (!(resource instanceof Resource r)) {
            return null;
        }
        var property = r.getNamedProperty("subject");
        if (property == null || !property.hasValues()) {
            property = r.getNamedProperty("patient");
        }
        if (property == null || !property.hasValues()) {
            return null;
        }
        return property.getValues().get(0) instanceof Reference reference ? reference.getReference() : null;
    }
}
