package dev.dcp.gateway.route;

import org.springframework.cloud.gateway.server.mvc.filter.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.function.ServerRequest;

/**
 * Drops {@code Expect} from what the gateway forwards. The client's expectation is the gateway's to answer (its
 * own server sends the 100), and by the time a request is forwarded its body is in hand, so the call upstream has
 * nothing to wait for. Forwarded, it sent the JDK's client down its 100-continue path, which now and then read an
 * empty answer from a service and turned a plain request into a 503.
 */
@Component
class ExpectationAnswered implements HttpHeadersFilter.RequestHttpHeadersFilter, Ordered {

    @Override
    public HttpHeaders apply(HttpHeaders input, ServerRequest request) {
        if (!input.containsHeader(HttpHeaders.EXPECT)) {
            return input;
        }
        HttpHeaders forwarded = new HttpHeaders();
        forwarded.putAll(input);
        forwarded.remove(HttpHeaders.EXPECT);
        return forwarded;
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
