package dev.dcp.common.web;

import dev.dcp.common.auth.Caller;
import dev.dcp.common.auth.ServiceCredential;
import dev.dcp.common.json.Json;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.web.filter.OncePerRequestFilter;

/** Admits API and internal requests only with a valid gateway credential: without one a service answers 401. */
public class CredentialFilter extends OncePerRequestFilter {

    private final ServiceCredential credential;

    public CredentialFilter(ServiceCredential credential) {
        this.credential = credential;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        return !(path.startsWith("/api/") || path.startsWith("/internal/"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<Caller> caller = credential.verify(request.getHeader(ServiceCredential.HEADER));
        if (caller.isEmpty()) {
            writeProblem(response, 401, "Unauthorized", "A valid API key is required.");
            return;
        }
        request.setAttribute(Caller.ATTRIBUTE, caller.get());
        chain.doFilter(request, response);
    }

    public static void writeProblem(HttpServletResponse response, int status, String title, String detail)
            throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", ProblemTypes.of(title).toString());
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        response.setStatus(status);
        response.setContentType("application/problem+json");
        // bytes, not a Writer: a Writer makes the container append a charset to the media type
        response.getOutputStream().write(Json.write(body).getBytes(StandardCharsets.UTF_8));
    }
}
