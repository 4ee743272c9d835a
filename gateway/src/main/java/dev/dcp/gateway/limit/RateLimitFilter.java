package dev.dcp.gateway.limit;

import dev.dcp.common.crypto.Hashes;
import dev.dcp.common.web.CredentialFilter;
import dev.dcp.gateway.GatewayProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Limits API requests per bearer key (by its hash, whether or not the key is valid: the limit comes before the
 * key is looked up, so a flood of bad keys never reaches contract-service), per client address without one.
 * Over the limit, a 429 problem with Retry-After. Separate from contract-service's quotas, which count work.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
class RateLimitFilter extends OncePerRequestFilter {

    private final boolean enabled;
    private final RateBuckets buckets;

    RateLimitFilter(GatewayProperties properties, Clock clock) {
        this.enabled = properties.rateLimit().enabled();
        this.buckets = new RateBuckets(properties.rateLimit(), clock);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !enabled || !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long retryAfter = buckets.tryTake(callerOf(request));
        if (retryAfter > 0) {
            response.setHeader("Retry-After", Long.toString(retryAfter));
            CredentialFilter.writeProblem(
                    response,
                    429,
                    "Too Many Requests",
                    "This API key (or address) sent more requests than this gateway admits; retry after " + retryAfter
                            + " s.");
            return;
        }
        chain.doFilter(request, response);
    }

    /** The bucket's name: never the key itself, which must not sit in memory longer than the request. */
    static String callerOf(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) && header.length() > 7) {
            return "key:" + Hashes.sha256Hex(header.substring(7).trim().getBytes(StandardCharsets.UTF_8));
        }
        return "address:" + request.getRemoteAddr();
    }
}
