package dev.dcp.gateway.problem;

import dev.dcp.common.web.RequestId;
import dev.dcp.gateway.ForwardedHeader;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Every response carries X-Request-Id: the client's, if it sent a sane one, otherwise a new one. The same id is
 * forwarded to the service and names the gateway's log lines of the request.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestIdFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String id = RequestId.saneOrNew(request.getHeader(RequestId.HEADER));
        response.setHeader(RequestId.HEADER, id);
        try (MDC.MDCCloseable ignored = MDC.putCloseable(RequestId.MDC_KEY, id)) {
            chain.doFilter(new ForwardedHeader(request, RequestId.HEADER, id), response);
        }
    }
}
