package org.rplcds.demo;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.MethodNotAllowedException;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseConformance;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.TypeRestfulInteraction;

/**
 * The demo server is read-only to the public: reads, searches and capabilities only, and its
 * CapabilityStatement says so rather than advertising the in-memory providers' writes.
 */
@Interceptor
class ReadOnly {

    private static final Set<RestOperationTypeEnum> ALLOWED = Set.of(
            RestOperationTypeEnum.READ,
            RestOperationTypeEnum.VREAD,
            RestOperationTypeEnum.SEARCH_TYPE,
            RestOperationTypeEnum.GET_PAGE,
            RestOperationTypeEnum.METADATA);

    @Hook(Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED)
    public boolean check(RequestDetails request) {
        if (request.getRestOperationType() != null && !ALLOWED.contains(request.getRestOperationType())) {
            throw new MethodNotAllowedException("the demo FHIR server is read-only");
        }
        return true;
    }

    private static final Set<TypeRestfulInteraction> ADVERTISED =
            Set.of(TypeRestfulInteraction.READ, TypeRestfulInteraction.VREAD, TypeRestfulInteraction.SEARCHTYPE);

    @Hook(Pointcut.SERVER_CAPABILITY_STATEMENT_GENERATED)
    public void advertiseReadsOnly(IBaseConformance generated) {
        if (generated instanceof CapabilityStatement statement) {
            for (var rest : statement.getRest()) {
                // Transactions, batches and system history would all be refused.
                rest.getInteraction().clear();
                rest.getOperation().clear();
                for (var resource : rest.getResource()) {
                    resource.getInteraction().removeIf(i -> !ADVERTISED.contains(i.getCode()));
                    resource.getOperation().clear();
                    resource.setConditionalCreate(false);
                    resource.setConditionalUpdate(false);
                    resource.setConditionalDelete(null);
                    resource.setVersioning(null);
                    resource.setUpdateCreate(false);
                }
            }
        }
    }
}
