package dev.dcp.common.web;

import dev.dcp.common.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** A domain refusal that becomes an RFC 9457 problem response with the given status. */
public class ProblemException extends RuntimeException {

    public record FieldError(String field, String message) {}

    private final HttpStatus status;
    private final String title;
    private final List<FieldError> errors;
    private final Long retryAfterSeconds;

    public ProblemException(HttpStatus status, String title, String detail) {
        this(status, title, detail, List.of(), null);
    }

    public ProblemException(
            HttpStatus status, String title, String detail, List<FieldError> errors, Long retryAfterSeconds) {
        super(detail);
        this.status = status;
        this.title = title;
        this.errors = List.copyOf(errors);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static ProblemException notFound(String what) {
        return new ProblemException(HttpStatus.NOT_FOUND, "Not Found", what + " does not exist");
    }

    public static ProblemException invalid(List<FieldError> errors) {
        return new ProblemException(
                HttpStatus.BAD_REQUEST,
                "Invalid request",
                "The request has " + errors.size() + " invalid field(s)",
                errors,
                null);
    }

    public static ProblemException invalid(String field, String message) {
        return invalid(List.of(new FieldError(field, message)));
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(HttpStatus.FORBIDDEN, "Forbidden", detail);
    }

    /**
     * Another service's refusal, passed on as it came (title, detail, field errors and Retry-After), so the caller's
     * client sees what that service said rather than a 500 of ours.
     */
    public static ProblemException relayed(int status, byte[] body, String retryAfter) {
        Map<String, Object> problem;
        try {
            problem = Json.readMap(new String(body, StandardCharsets.UTF_8));
        } catch (RuntimeException notJson) {
            problem = Map.of();
        }
        return new ProblemException(
                HttpStatus.valueOf(status),
                String.valueOf(problem.getOrDefault("title", "Refused")),
                String.valueOf(problem.getOrDefault("detail", "refused by " + status)),
                fieldErrors(problem),
                retryAfter == null ? null : Long.valueOf(retryAfter.strip()));
    }

    @SuppressWarnings("unchecked")
    private static List<FieldError> fieldErrors(Map<String, Object> problem) {
        if (!(problem.get("errors") instanceof List<?> list)) {
            return List.of();
        }
        return list.stream()
                .filter(Map.class::isInstance)
                .map(e -> (Map<String, Object>) e)
                .map(e -> new FieldError(String.valueOf(e.get("field")), String.valueOf(e.get("message"))))
                .toList();
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }

    public List<FieldError> errors() {
        return errors;
    }

    public Long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
