package dev.dcp.scheduler.kind;

import dev.dcp.common.web.ProblemException.FieldError;

/** An input too large to take at all, told apart from an invalid one: the submission answers it with a 413. */
public final class InputTooLarge extends RuntimeException {

    private final transient FieldError field;

    InputTooLarge(String detail, FieldError field) {
        super(detail, null, false, false);
        this.field = field;
    }

    /** The field that is too large, with what it may hold. */
    public FieldError field() {
        return field;
    }
}
