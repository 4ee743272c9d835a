package dev.dcp.common.json;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * RFC 8785 (JCS) canonical JSON. Input is the plain tree Jackson produces for {@code Object.class}
 * (maps, lists, strings, numbers, booleans, null); records and beans are first converted with {@link Json#toTree}.
 * Hashed ledger objects carry only integers, so the ES6 number formatting rules matter only for the
 * rare double in a job result, which is written in ES6 shortest form.
 */
public final class CanonicalJson {

    /**
     * 2^53 − 1, the largest integer canonical JSON carries exactly (RFC 8785 reads every number as a double): the
     * bound on every integer that is hashed or signed, from a job's input to an amount in the ledger.
     */
    public static final long MAX_SAFE_INTEGER = (1L << 53) - 1;

    private static final BigInteger MAX_SAFE = BigInteger.valueOf(MAX_SAFE_INTEGER);

    private CanonicalJson() {}

    public static byte[] bytes(Object value) {
        return encode(value).getBytes(StandardCharsets.UTF_8);
    }

    public static String encode(Object value) {
        StringBuilder out = new StringBuilder(256);
        write(out, value);
        return out.toString();
    }

    private static void write(StringBuilder out, Object value) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof Map<?, ?> map) {
            writeObject(out, map);
        } else if (value instanceof Collection<?> list) {
            out.append('[');
            boolean first = true;
            for (Object item : list) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                write(out, item);
            }
            out.append(']');
        } else if (value instanceof CharSequence s) {
            writeString(out, s.toString());
        } else if (value instanceof Boolean b) {
            out.append(b ? "true" : "false");
        } else if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            out.append(value);
        } else if (value instanceof Long || value instanceof BigInteger) {
            // RFC 8785 reads every number as a double: beyond 2^53 an auditor would hash other digits
            BigInteger big = value instanceof Long l ? BigInteger.valueOf(l) : (BigInteger) value;
            if (big.abs().compareTo(MAX_SAFE) > 0) {
                throw new IllegalArgumentException(
                        "integer " + big + " is outside +-(2^53-1), which JCS cannot represent");
            }
            out.append(big);
        } else if (value instanceof BigDecimal d) {
            writeNumber(out, d.doubleValue());
        } else if (value instanceof Number n) {
            writeNumber(out, n.doubleValue());
        } else {
            // records and beans: through Jackson to plain maps first (plain trees skip this copy)
            Object tree = Json.toTree(value);
            if (tree == value) {
                throw new IllegalArgumentException(
                        "not a JSON value: " + value.getClass().getName());
            }
            write(out, tree);
        }
    }

    private static void writeObject(StringBuilder out, Map<?, ?> map) {
        List<String> keys = new ArrayList<>(map.size());
        for (Object key : map.keySet()) {
            keys.add(key.toString());
        }
        // JCS sorts by UTF-16 code units, which is exactly String.compareTo
        keys.sort(String::compareTo);
        out.append('{');
        boolean first = true;
        for (String key : keys) {
            if (!first) {
                out.append(',');
            }
            first = false;
            writeString(out, key);
            out.append(':');
            write(out, map.get(key));
        }
        out.append('}');
    }

    private static void writeString(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (Character.isSurrogate(c)
                            && !(Character.isHighSurrogate(c)
                                    && i + 1 < s.length()
                                    && Character.isLowSurrogate(s.charAt(i + 1)))
                            && !(Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(s.charAt(i - 1)))) {
                        throw new IllegalArgumentException("lone surrogate at index " + i + ": not valid in JCS");
                    }
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** ECMAScript Number.prototype.toString, as JCS requires. */
    static void writeNumber(StringBuilder out, double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw new IllegalArgumentException("JSON has no NaN or Infinity");
        }
        if (d == 0) {
            out.append('0');
            return;
        }
        double a = Math.abs(d);
        if (a < 0x1p53 && a == Math.rint(a)) {
            // below 2^53 every integer is exact and its own shortest form
            out.append(d < 0 ? "-" : "").append((long) a);
            return;
        }
        BigDecimal shortest = shortestDecimal(a).stripTrailingZeros();
        String digits = shortest.unscaledValue().toString();
        int k = digits.length();
        int n = k - shortest.scale(); // decimal point position, as in the ES spec
        if (d < 0) {
            out.append('-');
        }
        if (k <= n && n <= 21) {
            out.append(digits).append("0".repeat(n - k));
        } else if (0 < n && n <= 21) {
            out.append(digits, 0, n).append('.').append(digits, n, k);
        } else if (-6 < n && n <= 0) {
            out.append("0.").append("0".repeat(-n)).append(digits);
        } else {
            out.append(digits.charAt(0));
            if (k > 1) {
                out.append('.').append(digits, 1, k);
            }
            int e = n - 1;
            out.append('e').append(e < 0 ? '-' : '+').append(Math.abs(e));
        }
    }

    /**
     * The decimal with the fewest significant digits that reads back as {@code a} (a positive finite double),
     * the closest to {@code a} of those, ties to even: ES6 Number::toString step 5. Double.toString is not enough
     * before JDK 19 (it gives 4.9E-324 and 9.999999999999999E22 where ES6 has 5e-324 and 1e+23).
     */
    private static BigDecimal shortestDecimal(double a) {
        BigDecimal exact = new BigDecimal(a);
        for (int digits = 1; digits < 17; digits++) {
            boolean down = readsBackAs(exact.round(new MathContext(digits, RoundingMode.FLOOR)), a);
            boolean up = readsBackAs(exact.round(new MathContext(digits, RoundingMode.CEILING)), a);
            if (down && up) {
                return exact.round(new MathContext(digits, RoundingMode.HALF_EVEN));
            } else if (down) {
                return exact.round(new MathContext(digits, RoundingMode.FLOOR));
            } else if (up) {
                return exact.round(new MathContext(digits, RoundingMode.CEILING));
            }
        }
        return exact.round(new MathContext(17, RoundingMode.HALF_EVEN)); // 17 digits always read back
    }

    private static boolean readsBackAs(BigDecimal candidate, double a) {
        return Double.parseDouble(candidate.toString()) == a;
    }
}
