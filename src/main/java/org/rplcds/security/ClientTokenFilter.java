package org.rplcds.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.rplcds.CdsSettings;
import org.rplcds.system.ClientAttributes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets a CDS Hooks call, a management endpoint or the API description through only with a valid
 * client JWT; a bare 401 otherwise.
 */
class ClientTokenFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(ClientTokenFilter.class);

    /**
     * Built after the web server (it opens the database, for the token uses) and before the server
     * takes calls: the server's start-up builds this filter, and a database that cannot be opened
     * must be reported as such, not inside the server's own failure.
     */
    private final Supplier<ClientTokenVerifier> verifier;

    private final Map<String, List<String>> fhirServers = new HashMap<>();

    ClientTokenFilter(Supplier<ClientTokenVerifier> verifier, CdsSettings.Security settings) {
        this.verifier = verifier;
        settings.trustedClients()
                .forEach(client -> fhirServers.put(client.issuer(), List.copyOf(client.fhirServers())));
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        // CORS preflight carries no credentials by design; health answers probes, which carry none.
        // The decoded, normalised path the container maps, not the raw URI: /actuator/health/../x is /x.
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        return "OPTIONS".equals(request.getMethod())
                || path.equals("/actuator/health")
                || path.startsWith("/actuator/health/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            refuse(
                    response,
                    request,
                    new InvalidClientTokenException("no bearer token", "Authorization: Bearer <JWT>"));
            return;
        }
        try {
            // The endpoint below the service's base URL: behind a proxy that serves it under a prefix
            // (X-Forwarded-Prefix, server.forward-headers-strategy=framework) the prefix is the context
            // path, and the audience, the external base URL, names it already.
            String endpoint =
                    request.getRequestURI().substring(request.getContextPath().length());
            String issuer = verifier.get().verify(header.substring(7).trim(), endpoint);
            log.debug("client token accepted issuer={}", LogText.escaped(issuer));
            // Which FHIR servers this client's calls may send the service to read.
            request.setAttribute(ClientAttributes.ISSUER, issuer);
            subject(header.substring(7).trim())
                    .ifPresent(subject -> request.setAttribute(ClientAttributes.SUBJECT, subject));
            request.setAttribute(ClientAttributes.FHIR_SERVERS, fhirServers.getOrDefault(issuer, List.of()));
        } catch (InvalidClientTokenException e) {
            refuse(response, request, e);
            return;
        } catch (TokenStoreUnavailableException e) {
            unavailable(response, e);
            return;
        }
        chain.doFilter(request, response);
    }

    /** The {@code sub} of a token verified already, for the audit trail: at most 200 characters. */
    private static java.util.Optional<String> subject(String token) {
        try {
            return java.util.Optional.ofNullable(com.nimbusds.jwt.SignedJWT.parse(token)
                            .getJWTClaimsSet()
                            .getSubject())
                    .map(subject -> subject.length() > 200 ? subject.substring(0, 200) : subject);
        } catch (java.text.ParseException e) {
            return java.util.Optional.empty();
        }
    }

    /** Seconds a client is asked to wait before it sends a call again while the store is down. */
    static final int RETRY_AFTER_SECONDS = 5;

    /** The store of used tokens is down: 503, to be sent again, with a body that says why. */
    private static void unavailable(HttpServletResponse response, TokenStoreUnavailableException e) throws IOException {
        log.error(
                "client token store unavailable: {}",
                e.getCause() == null ? "-" : e.getCause().getClass().getSimpleName());
        response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setHeader("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
        response.setContentType("application/json");
        response.getOutputStream()
                .write(("{\"error\":\"unavailable\",\"message\":\"the service cannot check client tokens while its"
                                + " database is unreachable; send the call again shortly\"}")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /**
     * One line an operator wiring an EHR can act on: the reason, the path called, what the token
     * carried ({@code alg}, {@code kid}, {@code iss}, {@code aud}, {@code iat}, {@code exp}, {@code
     * jku}) and what would have passed, each value escaped (a caller chooses them). Never the token
     * itself, nor any other claim.
     */
    private static void refuse(
            HttpServletResponse response, HttpServletRequest request, InvalidClientTokenException e) {
        log.info(
                "client token refused: {}; path={}{}{}",
                e.getMessage(),
                LogText.escaped(request.getRequestURI()),
                e.received() == null ? "" : "; received " + e.received(),
                e.expected() == null ? "" : "; expected " + e.expected());
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setHeader("WWW-Authenticate", "Bearer");
    }
}
