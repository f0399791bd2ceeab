package org.rplcds.hooks;

import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import org.rplcds.audit.AuditStoreUnavailableException;
import org.rplcds.cards.CardWriter;
import org.rplcds.cards.CardsResponseJson;
import org.rplcds.feedback.FeedbackStoreUnavailableException;
import org.rplcds.feedback.InvalidFeedbackException;
import org.rplcds.prefetch.InvalidPrefetchException;
import org.rplcds.prefetch.MissingPrefetchException;
import org.rplcds.system.CdsProperties;
import org.rplcds.system.MemoryBudget;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/** Every error status of the service is decided here, with a JSON body saying what was wrong. */
@RestControllerAdvice
class ErrorHandling {

    private static final Logger log = LoggerFactory.getLogger(ErrorHandling.class);

    private final CdsProperties.OnIncomplete onIncomplete;
    private final CardWriter cards;

    ErrorHandling(CdsProperties system, CardWriter cards) {
        this.onIncomplete = system.fallback().onIncomplete();
        this.cards = cards;
    }

    @ExceptionHandler({MalformedRequestException.class, InvalidPrefetchException.class, InvalidFeedbackException.class})
    ResponseEntity<ErrorJson> malformed(RuntimeException e) {
        return answer(HttpStatus.BAD_REQUEST, "bad-request", e.getMessage());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ErrorJson> unreadable(HttpMessageNotReadableException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof StreamConstraintsException) {
                return answer(HttpStatus.BAD_REQUEST, "bad-request", "request body is nested too deeply or too large");
            }
        }
        // The parser's own message may quote the body: it is not echoed.
        return answer(HttpStatus.BAD_REQUEST, "bad-request", "request body is not valid JSON");
    }

    @ExceptionHandler(TooManyResourcesException.class)
    ResponseEntity<ErrorJson> tooMany(TooManyResourcesException e) {
        return answer(HttpStatus.PAYLOAD_TOO_LARGE, "payload-too-large", e.getMessage());
    }

    @ExceptionHandler(UnknownServiceException.class)
    ResponseEntity<ErrorJson> unknownService(UnknownServiceException e) {
        return answer(HttpStatus.NOT_FOUND, "not-found", e.getMessage());
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<ErrorJson> notFound(NotFoundException e) {
        return answer(HttpStatus.NOT_FOUND, "not-found", e.getMessage());
    }

    @ExceptionHandler(AuditStoreUnavailableException.class)
    ResponseEntity<ErrorJson> auditUnavailable(AuditStoreUnavailableException e) {
        log.error(
                "audit trail unavailable: {}",
                e.getCause() == null ? "-" : e.getCause().getClass().getSimpleName());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header("Retry-After", Integer.toString(CallAuditing.RETRY_AFTER_SECONDS))
                .body(new ErrorJson("unavailable", "the audit trail cannot be read now; ask again shortly"));
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<ErrorJson> noResource(NoResourceFoundException e) {
        return answer(HttpStatus.NOT_FOUND, "not-found", "no such endpoint");
    }

    /**
     * Per the CDS Hooks specification: needed data that cannot be had answers 412. A site whose EHR
     * shows an error answer as "no recommendations" may ask for one card saying the check was not
     * done instead ({@code cds.fallback.on-incomplete: card}), on the hook call alone: the viewer's
     * timeline and chart calls keep the 412.
     */
    @ExceptionHandler(MissingPrefetchException.class)
    ResponseEntity<?> missingPrefetch(MissingPrefetchException e, HandlerMethod handler) {
        if (onIncomplete == CdsProperties.OnIncomplete.CARD
                && handler.getMethod().getReturnType() == CardsResponseJson.class) {
            return ResponseEntity.ok(cards.notDone(e.reasons()));
        }
        return ResponseEntity.status(HttpStatus.PRECONDITION_FAILED)
                .body(new ErrorJson(
                        "missing-prefetch",
                        "data needed for the evaluation was not prefetched and could not be read from fhirServer",
                        e.reasons()));
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ErrorJson> method(HttpRequestMethodNotSupportedException e) {
        return answer(HttpStatus.METHOD_NOT_ALLOWED, "method-not-allowed", e.getMethod() + " is not supported here");
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ErrorJson> mediaType(HttpMediaTypeNotSupportedException e) {
        return answer(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type", "send application/json");
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<ErrorJson> notAcceptable(HttpMediaTypeNotAcceptableException e) {
        return answer(HttpStatus.NOT_ACCEPTABLE, "not-acceptable", "the service answers application/json");
    }

    @ExceptionHandler(FeedbackStoreUnavailableException.class)
    ResponseEntity<ErrorJson> storeUnavailable(FeedbackStoreUnavailableException e) {
        log.error(
                "feedback store unavailable: {}",
                e.getCause() == null ? "-" : e.getCause().getClass().getSimpleName());
        return answer(HttpStatus.SERVICE_UNAVAILABLE, "unavailable", "feedback could not be stored; send it again");
    }

    /**
     * The calls in flight hold all the memory the service gives them: 503, to be sent again; a call
     * that alone needs more than all of it is too large (413).
     */
    @ExceptionHandler(MemoryBudget.Exhausted.class)
    ResponseEntity<ErrorJson> memory(MemoryBudget.Exhausted e) {
        if (e.alone()) {
            return answer(HttpStatus.PAYLOAD_TOO_LARGE, "payload-too-large", e.getMessage());
        }
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header("Retry-After", Integer.toString(RequestBodyFilter.RETRY_AFTER_SECONDS))
                .body(new ErrorJson("unavailable", e.getMessage() + "; send the call again shortly"));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ErrorJson> unexpected(Exception e) {
        // Only the type is logged: messages of parsers and drivers can quote patient data.
        log.error("unexpected error: {} at {}", e.getClass().getName(), firstFrame(e));
        return answer(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "the service could not answer this request");
    }

    /** Where it happened: the top frame, and the first frame of the service's own code. */
    private static String firstFrame(Throwable e) {
        StackTraceElement[] trace = e.getStackTrace();
        if (trace.length == 0) {
            return "-";
        }
        for (StackTraceElement frame : trace) {
            if (frame.getClassName().startsWith("org.rplcds")) {
                return trace[0] + " via " + frame;
            }
        }
        return trace[0].toString();
    }

    private static ResponseEntity<ErrorJson> answer(HttpStatus status, String error, String message) {
        return ResponseEntity.status(status).body(new ErrorJson(error, message));
    }
}
