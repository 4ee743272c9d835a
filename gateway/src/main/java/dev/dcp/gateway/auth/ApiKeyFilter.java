package dev.dcp.gateway.auth;

import dev.dcp.common.auth.Caller;
import dev.dcp.common.auth.ServiceCredential;
import dev.dcp.common.web.CredentialFilter;
import dev.dcp.gateway.ForwardedHeader;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates every API call by its bearer key and forwards it with the gateway's credential in place of
 * anything the client sent under that header.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class ApiKeyFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(ApiKeyFilter.class);
    private static final Duration CREDENTIAL_TTL = Duration.ofMinutes(5);

    private final KeyResolver keys;
    private final ServiceCredential credential;

    ApiKeyFilter(KeyResolver keys, ServiceCredential credential) {
        this.keys = keys;
        this.credential = credential;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() <= 7) {
            response.setHeader("WWW-Authenticate", "Bearer");
            CredentialFilter.writeProblem(
                    response, 401, "Unauthorized", "Send your API key as 'Authorization: Bearer <key>'.");
            return;
        }
        Optional<Caller> caller;
        try {
            caller = keys.resolve(header.substring(7).trim());
        } catch (RuntimeException e) {
            log.warn("cannot resolve an API key: {}", e.toString());
            response.setHeader("Retry-After", "1");
            CredentialFilter.writeProblem(
                    response, 503, "Service Unavailable", "API keys cannot be checked right now; try again shortly.");
            return;
        }
        if (caller.isEmpty()) {
            response.setHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
            CredentialFilter.writeProblem(response, 401, "Unauthorized", "The API key is not valid.");
            return;
        }
        // the gateway's credential in place of anything the client sent under that header
        chain.doFilter(
                new ForwardedHeader(request, ServiceCredential.HEADER, credential.issue(caller.get(), CREDENTIAL_TTL)),
                response);
    }
}
