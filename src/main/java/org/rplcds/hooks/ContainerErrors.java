package org.rplcds.hooks;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The answer to errors the container meets outside the service's handlers (the error page): the
 * same JSON as every other error, and the status the error is. A request whose bytes the container
 * could not read (a broken chunk, trailers past its limits) is the client's doing: 400, not 500.
 * Only the kind of a failure is logged, never its stack trace.
 */
@Controller
class ContainerErrors implements ErrorController {

    private static final Logger log = LoggerFactory.getLogger(ContainerErrors.class);

    /** Set on a request whose body could not be read as HTTP frames it. */
    static final String UNREADABLE = ContainerErrors.class.getName() + ".unreadable";

    @RequestMapping("${server.error.path:/error}")
    void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Throwable failure = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable t ? t : null;
        int code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer status ? status : 500;
        HttpStatus status =
                HttpStatus.resolve(code) == null ? HttpStatus.INTERNAL_SERVER_ERROR : HttpStatus.resolve(code);
        String error;
        String message;
        if (status.is5xxServerError() && (request.getAttribute(UNREADABLE) != null || unreadable(failure))) {
            status = HttpStatus.BAD_REQUEST;
            error = "bad-request";
            message = "the request could not be read";
        } else if (status.is5xxServerError()) {
            log.error(
                    "error outside the service's handlers: {}",
                    failure == null ? "-" : failure.getClass().getName());
            error = "internal-error";
            message = "the service could not answer this request";
        } else {
            error = status.getReasonPhrase().toLowerCase(Locale.ROOT).replace(' ', '-');
            message = status.getReasonPhrase();
        }
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        ErrorJson.write(response, status.value(), error, message);
        // After a read failure the container closes the connection once this returns: what is
        // written must be sent now.
        response.flushBuffer();
    }

    /** A failure to read what the client sent: an I/O failure anywhere in its causes. */
    static boolean unreadable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException) {
                return true;
            }
        }
        return false;
    }
}
