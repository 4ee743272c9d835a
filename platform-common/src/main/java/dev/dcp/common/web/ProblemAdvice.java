package dev.dcp.common.web;

import dev.dcp.common.auth.AdminRequired;
import java.sql.SQLException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/** Every error as an RFC 9457 problem document; bad input is a 4xx with the bad fields listed. */
@RestControllerAdvice
public class ProblemAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);

    @ExceptionHandler(ProblemException.class)
    ResponseEntity<ProblemDetail> problem(ProblemException e) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(e.status(), e.getMessage());
        body.setTitle(e.title());
        body.setType(ProblemTypes.of(e.title()));
        if (!e.errors().isEmpty()) {
            body.setProperty("errors", e.errors());
        }
        ResponseEntity.BodyBuilder response = ResponseEntity.status(e.status());
        if (e.retryAfterSeconds() != null) {
            response.header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()));
        }
        return response.body(body);
    }

    @ExceptionHandler(AdminRequired.class)
    ResponseEntity<ProblemDetail> adminRequired(AdminRequired e) {
        return problem(ProblemException.forbidden(e.getMessage()));
    }

    /**
     * Whether a failure is the database refusing text: SQLSTATE 22021 (character not in repertoire, PostgreSQL's
     * answer to a NUL) or 22P05 (untranslatable character).
     */
    static boolean unstorableText(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql
                    && ("22021".equals(sql.getSQLState()) || "22P05".equals(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        if (unstorableText(e)) {
            // text the database cannot hold (a NUL) came from the request, whichever field carried it
            return problem(new ProblemException(
                    HttpStatus.BAD_REQUEST,
                    "Invalid request",
                    "The request holds characters that cannot be stored (such as NUL)."));
        }
        log.error("unexpected error", e);
        ProblemDetail body = ProblemDetail.forStatusAndDetail(
                HttpStatus.INTERNAL_SERVER_ERROR, "An unexpected error occurred; it has been logged.");
        body.setTitle("Internal Server Error");
        body.setType(ProblemTypes.of("Internal Server Error"));
        return ResponseEntity.internalServerError().body(body);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<ProblemException.FieldError> errors = ex.getBindingResult().getFieldErrors().stream()
                .map(f -> new ProblemException.FieldError(f.getField(), f.getDefaultMessage()))
                .toList();
        ProblemDetail body = ProblemDetail.forStatusAndDetail(
                HttpStatus.BAD_REQUEST, "The request has " + errors.size() + " invalid field(s)");
        body.setTitle("Invalid request");
        body.setType(ProblemTypes.of("Invalid request"));
        body.setProperty("errors", errors);
        return ResponseEntity.badRequest().body(body);
    }

    /** Spring's own problems (415, 405, unreadable bodies…) get a type like ours. */
    @Override
    protected ResponseEntity<Object> createResponseEntity(
            Object body, HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
        if (body instanceof ProblemDetail problem
                && (problem.getType() == null || "about:blank".equals(String.valueOf(problem.getType())))) {
            problem.setType(ProblemTypes.of(problem.getTitle()));
        }
        return super.createResponseEntity(body, headers, statusCode, request);
    }
}
