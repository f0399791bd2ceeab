package org.rplcds.demo;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.RequiredParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.provider.HashMapResourceProvider;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * HAPI's in-memory provider, with the search parameters CDS prefetch uses: {@code patient}, and
 * {@code code} as a token list ({@code code=a,b} or {@code code=system|a}) matched on the
 * resource's {@code code} element, and {@code intent} likewise on its {@code intent}. A parameter
 * this search does not declare sends HAPI to the provider's search of every resource, of every
 * patient: each parameter of the services' prefetch templates is declared here.
 */
public class PatientScopedProvider<T extends Resource> extends HashMapResourceProvider<T> {

    public PatientScopedProvider(FhirContext fhir, Class<T> type) {
        super(fhir, type);
    }

    @Search
    public List<IBaseResource> byPatient(
            RequestDetails details,
            @RequiredParam(name = "patient") ReferenceParam patient,
            @OptionalParam(name = "code") TokenOrListParam code,
            @OptionalParam(name = "intent") TokenOrListParam intent) {
        String wanted = "Patient/" + patient.getIdPart();
        return searchAll(details).getAllResources().stream()
                .filter(r -> wanted.equals(subject(r)))
                .filter(r -> code == null || hasCode(r, code))
                .filter(r -> intent == null || hasIntent(r, intent))
                .toList();
    }

    private static boolean hasIntent(IBaseResource resource, TokenOrListParam wanted) {
        if (!(resource instanceof Resource r)) {
            return false;
        }
        var property = r.getNamedProperty("intent");
        if (property == null || !property.hasValues()) {
            return false;
        }
        String value = property.getValues().get(0).primitiveValue();
        return wanted.getValuesAsQueryTokens().stream()
                .anyMatch(token -> token.getValue() != null && token.getValue().equals(value));
    }

    private static boolean hasCode(IBaseResource resource, TokenOrListParam wanted) {
        if (!(resource instanceof Resource r)) {
            return false;
        }
        var property = r.getNamedProperty("code");
        if (property == null
                || !property.hasValues()
                || !(property.getValues().get(0) instanceof CodeableConcept concept)) {
            return false;
        }
        for (Coding coding : concept.getCoding()) {
            for (TokenParam token : wanted.getValuesAsQueryTokens()) {
                boolean systemMatches = token.getSystem() == null
                        || token.getSystem().isEmpty()
                        || token.getSystem().equals(coding.getSystem());
                if (systemMatches
                        && token.getValue() != null
                        && token.getValue().equals(coding.getCode())) {
                    return true;
                }
            }
        }
        return false;
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
