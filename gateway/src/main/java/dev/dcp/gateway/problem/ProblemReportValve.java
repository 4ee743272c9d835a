package dev.dcp.gateway.problem;

import dev.dcp.common.json.Json;
import dev.dcp.common.web.ProblemTypes;
import java.io.IOException;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.HttpStatus;

/**
 * Tomcat's own error responses (a request line or header it cannot parse, a body it cannot frame, anything that
 * never reaches a servlet) as RFC 9457 problem documents instead of Tomcat's HTML page. Nothing of the request is
 * echoed: the detail is fixed per status, and Tomcat's message (which can quote the bad input) is not used.
 */
public class ProblemReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(false);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        if (status == 501 && "CONNECT".equals(request.getMethod())) {
            // Tomcat refuses CONNECT itself as not implemented; to the API it is a method it does not take
            status = 405;
            response.setStatus(status);
            response.setHeader("Allow", "GET, HEAD, POST, PUT, DELETE, OPTIONS");
        }
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding("utf-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(document(status));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client is gone or the response already committed: nothing more to say
        }
    }

    /** The problem document of a status Tomcat answered by itself. */
    public static String document(int status) {
        HttpStatus known = HttpStatus.resolve(status);
        String title = known == null ? "Error " + status : known.getReasonPhrase();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", ProblemTypes.of(title).toString());
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail(status));
        return Json.write(body);
    }

    private static String detail(int status) {
        return switch (status) {
            case 400 -> "The request is not well-formed HTTP (its request line, a header or its framing).";
            case 404 -> "There is nothing at this path.";
            case 405 -> "This path does not take that method.";
            case 408 -> "The request did not arrive in time.";
            case 413 -> "The request is larger than this API accepts.";
            case 414 -> "The request target is too long.";
            case 431 -> "The request headers are too large.";
            case 501 -> "The request uses a method or transfer coding this server does not implement.";
            case 505 -> "The HTTP version is not supported.";
            default ->
                status >= 500
                        ? "The server could not answer the request; it has been logged."
                        : "The request was refused.";
        };
    }
}
