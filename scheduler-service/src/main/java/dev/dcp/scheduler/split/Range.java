package dev.dcp.scheduler.split;

/** A half-open range [from, to) of a job's index space. */
public record Range(long from, long to) {

    public Range {
        if (from > to) {
            throw new IllegalArgumentException("from " + from + " > to " + to);
        }
    }

    public long size() {
        return to - from;
    }
}
