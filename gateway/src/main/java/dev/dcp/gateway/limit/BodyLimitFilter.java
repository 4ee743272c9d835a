package dev.dcp.gateway.limit;

import dev.dcp.common.web.CredentialFilter;
import dev.dcp.gateway.GatewayProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a body over {@code dcp.gateway.max-body-bytes} with 413 before anything is forwarded. A declared
 * length is judged at once; a body that fits is read here in full (a chunked one up to one byte past the limit)
 * and forwarded from that buffer, so a service never sees the start of a body the gateway then refuses, and a
 * body that ends early or is badly chunked is a 400 to the client rather than a failed call upstream.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 3)
class BodyLimitFilter extends OncePerRequestFilter {

    private final int maxBytes;

    BodyLimitFilter(GatewayProperties properties) {
        this.maxBytes = (int) properties.maxBodyBytes().toBytes();
    }

    /**
     * An object's bytes are streamed to the scheduler as they come, never held here: their size is bounded by the
     * tenant's storage quota, which the scheduler enforces while it reads them.
     */
    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return "POST".equals(request.getMethod()) && "/api/v1/objects".equals(request.getRequestURI());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long declared = request.getContentLengthLong();
        if (declared > maxBytes) {
            refuse(response);
            return;
        }
        if (declared <= 0 && request.getHeader("Transfer-Encoding") == null) {
            chain.doFilter(request, response);
            return;
        }
        // read in full before forwarding: a body that ends before its declared length, or whose chunks do not
        // parse, is the client's fault (400), not a service failing (5xx), and no service sees half of it
        byte[] body;
        try {
            body = request.getInputStream().readNBytes(declared >= 0 ? (int) declared : maxBytes + 1);
        } catch (IOException e) {
            unreadable(response);
            return;
        }
        if (declared >= 0 && body.length < declared) {
            unreadable(response);
            return;
        }
        if (body.length > maxBytes) {
            refuse(response);
            return;
        }
        chain.doFilter(new BufferedBody(request, body), response);
    }

    private static void unreadable(HttpServletResponse response) throws IOException {
        response.setHeader("Connection", "close");
        CredentialFilter.writeProblem(
                response,
                400,
                "Bad Request",
                "The request body ended before its declared length, or its chunked framing is malformed.");
    }

    private void refuse(HttpServletResponse response) throws IOException {
        // what is left unread of the body Tomcat swallows (server.tomcat.max-swallow-size), so the client still
        // reads this answer instead of a reset connection
        CredentialFilter.writeProblem(
                response,
                413,
                "Content Too Large",
                "The request body is larger than the " + maxBytes + " bytes this API accepts.");
    }

    /** The request with its body already read, up to the limit. */
    static final class BufferedBody extends HttpServletRequestWrapper {

        private final ByteArrayInputStream body;

        BufferedBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = new ByteArrayInputStream(body);
        }

        @Override
        public ServletInputStream getInputStream() {
            return new ServletInputStream() {
                @Override
                public int read() {
                    return body.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return body.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return body.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the body is read already");
                }
            };
        }
    }
}
