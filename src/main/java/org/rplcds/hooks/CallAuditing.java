package org.rplcds.hooks;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.rplcds.audit.AuditStoreUnavailableException;
import org.rplcds.audit.AuditTrail;
import org.rplcds.audit.AuditedCall;
import org.rplcds.cards.CardJson;
import org.rplcds.cards.CardsResponseJson;
import org.rplcds.system.ClientAttributes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * Records each call of an {@link Audited} endpoint in the audit trail, whatever its answer: the
 * record is opened before the body is read (so that a call refused for its body is recorded too),
 * filled as the call runs, and stored once the answer is decided and before its body is written,
 * so that every call a client saw answered is in the trail. A call the trail cannot store is
 * answered 503, to be sent again. The cards recorded as shown are those of the answer itself.
 */
@ControllerAdvice
class CallAuditing implements WebMvcConfigurer, HandlerInterceptor, ResponseBodyAdvice<Object> {

    private static final Logger log = LoggerFactory.getLogger(CallAuditing.class);

    /** The request attribute holding the call's {@link AuditedCall}. */
    static final String CALL = "org.rplcds.audit.call";

    /** Seconds a client is asked to wait before it sends a call again while the trail is down. */
    static final int RETRY_AFTER_SECONDS = 5;

    private final AuditTrail trail;
    private final Clock clock;

    CallAuditing(AuditTrail trail, Clock clock) {
        this.trail = trail;
        this.clock = clock;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (handler instanceof HandlerMethod method && method.hasMethodAnnotation(Audited.class)) {
            @SuppressWarnings("unchecked")
            Map<String, String> variables =
                    (Map<String, String>) request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
            String serviceId = variables == null ? "-" : variables.getOrDefault("id", "-");
            request.setAttribute(
                    CALL,
                    new AuditedCall(
                            clock.instant(),
                            method.getMethodAnnotation(Audited.class).value(),
                            serviceId.length() > 100 ? serviceId.substring(0, 100) : serviceId,
                            Optional.ofNullable((String) request.getAttribute(ClientAttributes.ISSUER)),
                            Optional.ofNullable((String) request.getAttribute(ClientAttributes.SUBJECT))));
        }
        return true;
    }

    /** The audit record the call of this request fills. */
    static AuditedCall of(HttpServletRequest request) {
        return (AuditedCall) request.getAttribute(CALL);
    }

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object beforeBodyWrite(
            Object body,
            MethodParameter returnType,
            MediaType contentType,
            Class<? extends HttpMessageConverter<?>> converterType,
            ServerHttpRequest request,
            ServerHttpResponse response) {
        if (!(request instanceof ServletServerHttpRequest servletRequest)
                || !(response instanceof ServletServerHttpResponse servletResponse)) {
            return body;
        }
        HttpServletRequest http = servletRequest.getServletRequest();
        AuditedCall call = of(http);
        if (call == null) {
            return body;
        }
        // Stored once: an answer written twice (an error while writing) is not a second call.
        http.removeAttribute(CALL);
        shown(body)
                .forEach(card -> call.card(new AuditedCall.Card(
                        card.uuid(),
                        card.source() == null || card.source().topic() == null
                                ? "-"
                                : card.source().topic().code(),
                        AuditedCall.Disposition.SHOWN)));
        try {
            trail.record(call, servletResponse.getServletResponse().getStatus());
            return body;
        } catch (AuditStoreUnavailableException e) {
            log.error(
                    "audit trail unavailable: {}",
                    e.getCause() == null ? "-" : e.getCause().getClass().getSimpleName());
            response.setStatusCode(HttpStatus.SERVICE_UNAVAILABLE);
            response.getHeaders().set("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
            return new ErrorJson(
                    "unavailable", "the call could not be recorded in the audit trail; send it again shortly");
        }
    }

    private static List<CardJson> shown(Object body) {
        if (body instanceof CardsResponseJson cards) {
            return cards.cards();
        }
        if (body instanceof ChartJson chart) {
            return chart.cards();
        }
        return List.of();
    }
}
