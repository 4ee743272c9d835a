package dev.dcp.cli.api;

import java.util.List;
import java.util.Map;

/**
 * The API refused a call: an RFC 9457 problem as the gateway or a service answered it, or a transport failure
 * ({@code status} 0) when nothing answered at all.
 */
public final class ApiProblem extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** One invalid field, as the problem's {@code errors} name it. */
    public record FieldError(String field, String message) {}

    private final int status;
    private final String title;
    private final String detail;
    private final transient List<FieldError> errors;

    public ApiProblem(int status, String title, String detail, List<FieldError> errors) {
        super(status + " " + title + (detail == null ? "" : ": " + detail));
        this.status = status;
        this.title = title;
        this.detail = detail;
        this.errors = List.copyOf(errors);
    }

    /** The problem in a response body, or one made of the status alone when the body is not a problem. */
    static ApiProblem of(int status, Map<String, Object> body) {
        Object title = body.get("title");
        Object detail = body.get("detail");
        List<FieldError> errors = new java.util.ArrayList<>();
        if (body.get("errors") instanceof List<?> list) {
            for (Object e : list) {
                if (e instanceof Map<?, ?> m) {
                    errors.add(new FieldError(String.valueOf(m.get("field")), String.valueOf(m.get("message"))));
                }
            }
        }
        return new ApiProblem(
                status,
                title == null ? "HTTP " + status : title.toString(),
                detail == null ? null : detail.toString(),
                errors);
    }

    public static ApiProblem unreachable(String url, Exception cause) {
        String why = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return new ApiProblem(0, "Cannot reach the API", url + ": " + why, List.of());
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return detail;
    }

    public List<FieldError> errors() {
        return errors;
    }
}
