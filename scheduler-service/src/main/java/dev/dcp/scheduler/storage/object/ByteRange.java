package dev.dcp.scheduler.storage.object;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One range of an object's bytes, inclusive at both ends, as RFC 9110 {@code Range: bytes=} asks for it. */
record ByteRange(long first, long last) {

    private static final Pattern SINGLE = Pattern.compile("bytes=(\\d*)-(\\d*)");

    long length() {
        return last - first + 1;
    }

    String contentRange(long size) {
        return "bytes " + first + "-" + last + "/" + size;
    }

    /** A range no byte of the object satisfies: 416, with the object's size. */
    static final class Unsatisfiable extends RuntimeException {
        Unsatisfiable() {
            super("the range asks for no byte of the object");
        }
    }

    /**
     * The range a header asks for within an object of {@code size} bytes; empty when there is no header or it is not
     * one range of bytes (the whole object is then sent, as RFC 9110 allows).
     */
    static Optional<ByteRange> parse(String header, long size) {
        if (header == null) {
            return Optional.empty();
        }
        Matcher m = SINGLE.matcher(header.trim());
        if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
            return Optional.empty();
        }
        try {
            if (m.group(1).isEmpty()) {
                long suffix = Long.parseLong(m.group(2));
                if (suffix == 0 || size == 0) {
                    throw new Unsatisfiable();
                }
                return Optional.of(new ByteRange(Math.max(0, size - suffix), size - 1));
            }
            long first = Long.parseLong(m.group(1));
            if (first >= size) {
                throw new Unsatisfiable();
            }
            long last = m.group(2).isEmpty() ? size - 1 : Math.min(Long.parseLong(m.group(2)), size - 1);
            if (last < first) {
                return Optional.empty(); // syntactically invalid: ignored
            }
            return Optional.of(new ByteRange(first, last));
        } catch (NumberFormatException e) {
            throw new Unsatisfiable(); // more digits than a long: beyond any object
        }
    }
}
