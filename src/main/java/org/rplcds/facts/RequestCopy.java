package org.rplcds.facts;

import java.util.Objects;
import org.hl7.fhir.r4.model.MedicationRequest;

/**
 * A prescription as the record holds it, whole, kept for a card that changes its status (a FHIR
 * {@code update} carries the whole resource). Two copies are equal when their content is.
 */
public final class RequestCopy {

    private final MedicationRequest request;

    RequestCopy(MedicationRequest request) {
        this.request = request.copy();
    }

    /** A fresh copy, to change without touching the record. */
    public MedicationRequest request() {
        return request.copy();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RequestCopy copy && request.equalsDeep(copy.request);
    }

    @Override
    public int hashCode() {
        return Objects.hash(request.getIdElement().getIdPart(), request.getStatus());
    }

    @Override
    public String toString() {
        return "MedicationRequest/" + request.getIdElement().getIdPart();
    }
}
