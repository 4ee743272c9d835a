package dev.dcp.gateway.media;

import dev.dcp.common.web.CredentialFilter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The API reads and writes JSON: a body of another type is refused with 415, an Accept that admits neither JSON
 * nor a JSON problem with 406, both before anything is forwarded. A job's progress stream also answers
 * text/event-stream; objects take and give application/octet-stream.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 4)
class MediaTypeFilter extends OncePerRequestFilter {

    private static final Pattern EVENT_STREAM = Pattern.compile("/api/v1/jobs/[^/]+/events");

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI();
        if (hasBody(request) && readsJson(path) && !MediaRules.isJson(request.getContentType())) {
            response.setHeader("Accept", MediaType.APPLICATION_JSON_VALUE);
            CredentialFilter.writeProblem(
                    response,
                    415,
                    "Unsupported Media Type",
                    "The request body must be JSON (Content-Type: application/json), not "
                            + (request.getContentType() == null ? "untyped" : request.getContentType()) + ".");
            return;
        }
        if (hasBody(request) && !readsJson(path) && !MediaRules.isOctetStream(request.getContentType())) {
            response.setHeader("Accept", MediaType.APPLICATION_OCTET_STREAM_VALUE);
            CredentialFilter.writeProblem(
                    response,
                    415,
                    "Unsupported Media Type",
                    "An object's body is its raw bytes (Content-Type: application/octet-stream), not "
                            + (request.getContentType() == null ? "untyped" : request.getContentType()) + ".");
            return;
        }
        List<MediaType> answers = EVENT_STREAM.matcher(path).matches()
                ? MediaRules.STREAM_ANSWERS
                : readsJson(path) ? MediaRules.JSON_ANSWERS : MediaRules.OBJECT_ANSWERS;
        if (!MediaRules.accepts(request.getHeader("Accept"), answers)) {
            CredentialFilter.writeProblem(
                    response,
                    406,
                    "Not Acceptable",
                    "This API answers " + MediaType.toString(answers) + "; the Accept header admits none of them.");
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean hasBody(HttpServletRequest request) {
        return request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
    }

    /** Every API path takes JSON, except the raw bytes of objects ({@code POST /api/v1/objects}). */
    static boolean readsJson(String path) {
        return !(path.equals("/api/v1/objects") || path.startsWith("/api/v1/objects/"));
    }
}
