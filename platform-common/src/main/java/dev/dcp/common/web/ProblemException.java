package dev.dcp.common.web;

import java.util.List;
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
