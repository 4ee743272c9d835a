package dev.dcp.gateway.headers;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The browser-facing safety headers on every response, the gateway's refusals included (they are set before
 * anything else answers). The API serves JSON only, so its policy allows nothing; the API documentation pages
 * load their own scripts and styles; the web console loads its own files only, none of them inline, and talks to
 * this origin alone.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class SecurityHeadersFilter extends OncePerRequestFilter {

    static final String API_POLICY = "default-src 'none'; frame-ancestors 'none'";
    static final String DOCS_POLICY = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
            + "script-src 'self' 'unsafe-inline'; frame-ancestors 'none'";
    static final String CONSOLE_POLICY =
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                    + "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    static final String HSTS = "max-age=31536000; includeSubDomains";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI();
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Content-Security-Policy", policyFor(path));
        if (path.startsWith("/api/")) {
            response.setHeader("Cache-Control", "no-store");
        } else if (isConsole(path)) {
            // the console's modules change with the gateway: a browser asks again rather than run a stale mix
            response.setHeader("Cache-Control", "no-cache");
        }
        if (cameOverHttps(request)) {
            response.setHeader("Strict-Transport-Security", HSTS);
        }
        chain.doFilter(request, response);
    }

    static String policyFor(String path) {
        if (isDocs(path)) {
            return DOCS_POLICY;
        }
        return isConsole(path) ? CONSOLE_POLICY : API_POLICY;
    }

    /** The web console's page and files. */
    static boolean isConsole(String path) {
        return path.equals("/console") || path.startsWith("/console/");
    }

    /** Swagger UI and the OpenAPI document it reads. */
    static boolean isDocs(String path) {
        return path.equals("/docs")
                || path.startsWith("/docs/")
                || path.startsWith("/swagger-ui")
                || path.startsWith("/v3/api-docs");
    }

    /** Directly, or through a proxy that ended TLS; HSTS over plain HTTP would be ignored by browsers anyway. */
    static boolean cameOverHttps(HttpServletRequest request) {
        return request.isSecure() || "https".equalsIgnoreCase(request.getHeader("X-Forwarded-Proto"));
    }
}
