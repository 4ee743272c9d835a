package dev.dcp.gateway.request;

import dev.dcp.common.web.CredentialFilter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses what the gateway could not forward faithfully, before it tries: a method the API has no use for (the
 * upstream client cannot even send FOO or PROPFIND, which would read as the service being down) is a 405, and a
 * query string that does not percent-decode to UTF-8 ({@code ?cursor=%ff}) or holds a NUL is a 400.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
class RequestLineFilter extends OncePerRequestFilter {

    static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS");
    static final String ALLOW = "GET, HEAD, POST, PUT, DELETE, OPTIONS";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!METHODS.contains(request.getMethod())) {
            response.setHeader("Allow", ALLOW);
            CredentialFilter.writeProblem(
                    response, 405, "Method Not Allowed", "The API takes only the methods " + ALLOW + ".");
            return;
        }
        if (!saneQuery(request.getQueryString())) {
            CredentialFilter.writeProblem(
                    response,
                    400,
                    "Bad Request",
                    "The query string must percent-encode UTF-8 text without NUL characters.");
            return;
        }
        chain.doFilter(request, response);
    }

    /** Whether each percent-escape is complete and together they spell UTF-8 without a NUL. */
    static boolean saneQuery(String query) {
        if (query == null) {
            return true;
        }
        ByteBuffer bytes = ByteBuffer.allocate(query.length());
        for (int i = 0; i < query.length(); i++) {
            char c = query.charAt(i);
            if (c == '%') {
                if (i + 2 >= query.length()) {
                    return false;
                }
                int hi = Character.digit(query.charAt(i + 1), 16);
                int lo = Character.digit(query.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    return false;
                }
                bytes.put((byte) (hi * 16 + lo));
                i += 2;
            } else if (c > 0x7f) {
                return false; // Tomcat hands raw bytes as ISO-8859-1 characters: not percent-encoded
            } else {
                bytes.put((byte) c);
            }
        }
        bytes.flip();
        try {
            String decoded = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(bytes)
                    .toString();
            return decoded.indexOf('\0') < 0;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
