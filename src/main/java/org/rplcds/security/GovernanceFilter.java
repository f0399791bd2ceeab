package org.rplcds.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.stream.Collectors;
import org.rplcds.CdsSettings;
import org.rplcds.system.ClientAttributes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets through to the audit trail and the usage report only a client the site marks as a
 * governance client ({@code cds.security.trusted-clients[n].governance: true}); any other client,
 * its token valid, gets 403. Runs after the client token check, which has named the client.
 */
class GovernanceFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(GovernanceFilter.class);

    private final Set<String> governance;

    GovernanceFilter(CdsSettings.Security settings) {
        this.governance = settings.trustedClients().stream()
                .filter(CdsSettings.Security.TrustedClient::governance)
                .map(CdsSettings.Security.TrustedClient::issuer)
                .collect(Collectors.toUnmodifiableSet());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String issuer = (String) request.getAttribute(ClientAttributes.ISSUER);
        if (issuer == null || !governance.contains(issuer)) {
            log.info(
                    "governance read refused issuer={} path={}",
                    issuer == null ? "-" : LogText.escaped(issuer),
                    LogText.escaped(request.getRequestURI()));
            response.setStatus(HttpServletResponse.SC_FORBIDDEN);
            response.setContentType("application/json");
            response.getOutputStream()
                    .write(("{\"error\":\"forbidden\",\"message\":\"the audit trail and the usage report are for the"
                                    + " site's governance clients (cds.security.trusted-clients[n].governance)\"}")
                            .getBytes(StandardCharsets.UTF_8));
            return;
        }
        chain.doFilter(request, response);
    }
}
