package dev.dcp.common.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Puts the request's {@link RequestId} in the MDC for as long as a service handles it, so every log line of the
 * request names it; the gateway forwards it with every call. A call without a sane one (a test, a probe) gets none
 * rather than an invented one: only the gateway gives out ids.
 */
public class RequestIdFilter extends OncePerRequestFilter implements Ordered {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String id = RequestId.saneOrNull(request.getHeader(RequestId.HEADER));
        if (id == null) {
            chain.doFilter(request, response);
            return;
        }
        try (MDC.MDCCloseable ignored = MDC.putCloseable(RequestId.MDC_KEY, id)) {
            chain.doFilter(request, response);
        }
    }

    /** First, so that even the credential check's refusals are logged under the id. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    /** Also on the async dispatch of a streamed response, so that its log lines are named too. */
    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false;
    }
}
