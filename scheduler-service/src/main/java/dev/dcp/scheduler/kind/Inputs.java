package dev.dcp.scheduler.kind;

import dev.dcp.common.web.ProblemException.FieldError;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/** Reading typed fields out of a job's JSON input, collecting what is wrong instead of failing on the first. */
final class Inputs {

    private Inputs() {
    }

    static Long integer(Map<String, Object> input, String field, List<FieldError> errors) {
        Object v = input.get(field);
        if (v == null) {
            errors.add(new FieldError("input." + field, "is required"));
            return null;
        }
        if (v instanceof Integer || v instanceof Long || v instanceof Short) {
            return ((Number) v).longValue();
        }
        if (v instanceof BigInteger b && b.bitLength() < 64) {
            return b.longValue();
        }
        if (v instanceof BigDecimal d && d.stripTrailingZeros().scale() <= 0) {
            try {
                return d.longValueExact();
            } catch (ArithmeticException ignored) {
                // falls through to the error below
            }
        }
        errors.add(new FieldError("input." + field, "must be an integer"));
        return null;
    }
}
