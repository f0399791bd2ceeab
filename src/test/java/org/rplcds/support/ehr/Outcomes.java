package org.rplcds.support.ehr;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.MethodNotAllowedException;
import ca.uhn.fhir.rest.server.exceptions.UnclassifiedServerFailureException;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/** OperationOutcomes as the servers answer them, and the HTTP errors that carry them. */
final class Outcomes {

    private Outcomes() {}

    static OperationOutcome issue(IssueSeverity severity, IssueType type, String detailsText, String diagnostics) {
        OperationOutcome outcome = new OperationOutcome();
        var issue = outcome.addIssue().setSeverity(severity).setCode(type);
        if (detailsText != null) {
            issue.getDetails().setText(detailsText);
        }
        if (diagnostics != null) {
            issue.setDiagnostics(diagnostics);
        }
        return outcome;
    }

    /** The answer to a refused request: {@code status} with {@code outcome} as the body. */
    static BaseServerResponseException refuse(int status, OperationOutcome outcome) {
        String message = outcome.getIssueFirstRep().hasDiagnostics()
                ? outcome.getIssueFirstRep().getDiagnostics()
                : outcome.getIssueFirstRep().getDetails().getText();
        return switch (status) {
            case 400 -> new InvalidRequestException(message, outcome);
            case 405 -> new MethodNotAllowedException(message, outcome);
            default -> new UnclassifiedServerFailureException(status, message, outcome);
        };
    }

    static BaseServerResponseException badRequest(IssueType type, String diagnostics) {
        return refuse(400, issue(IssueSeverity.ERROR, type, null, diagnostics));
    }
}
