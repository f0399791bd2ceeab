package org.rplcds.hooks;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Headers every answer carries: {@code nosniff}; a Content-Security-Policy that lets the viewer run
 * only its own script and style, never inline, and never be framed (OWASP Secure Headers); and
 * {@code Cache-Control: no-store} on every answer but the viewer's static files, since cards,
 * timelines and demo records carry patient data. The API description's own page (Swagger UI, which
 * runs inline script) is left its own policy.
 */
final class SecurityHeadersFilter extends OncePerRequestFilter {

    static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    /** Files of the viewer that hold no patient data, and may be cached. */
    private static final List<String> STATIC = List.of(".js", ".css", ".ico", ".png", ".svg");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        response.setHeader("X-Content-Type-Options", "nosniff");
        if (!path.startsWith("/swagger-ui")) {
            response.setHeader("Content-Security-Policy", POLICY);
            response.setHeader("X-Frame-Options", "DENY");
        }
        if (STATIC.stream().noneMatch(path::endsWith)) {
            response.setHeader("Cache-Control", "no-store");
        }
        chain.doFilter(request, response);
    }
}
