package dev.dcp.scheduler.kind;

import dev.dcp.common.web.ProblemException.FieldError;

/** An input that is well formed but names something the tenant does not have, found while splitting: a 400. */
public final class InputRefused extends RuntimeException {

    private final transient FieldError field;

    InputRefused(FieldError field) {
        super(field.field() + " " + field.message(), null, false, false);
        this.field = field;
    }

    public FieldError field() {
        return field;
    }
}
