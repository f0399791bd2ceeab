package org.rplcds.demo;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.MethodNotAllowedException;
import java.util.Set;

/** The demo server is read-only to the public: reads, searches and capabilities only. */
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
}
