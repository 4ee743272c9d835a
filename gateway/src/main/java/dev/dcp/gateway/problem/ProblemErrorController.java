package dev.dcp.gateway.problem;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The servlet container's error page (a {@code sendError} or an exception outside Spring MVC's handlers) as a
 * problem document, whatever the request accepts, in the place of Spring Boot's BasicErrorController (JSON or a
 * Whitelabel HTML page, neither a problem). Only the status is taken from the failed request; its message and
 * exception, which can quote the request, are not shown.
 */
@RestController
class ProblemErrorController implements ErrorController {

    @RequestMapping("${server.error.path:${error.path:/error}}")
    void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer i && i >= 400 && i <= 599 ? i : 404;
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        response.setStatus(status);
        response.setContentType("application/problem+json");
        response.getOutputStream().write(ProblemReportValve.document(status).getBytes(StandardCharsets.UTF_8));
    }
}
