package dev.dcp.scheduler.split;

import java.util.ArrayList;
import java.util.List;

/**
 * n equal chunks (the first ones one larger when the range does not divide evenly); never an empty chunk, so an
 * empty range has none.
 */
public final class StaticSplitter {

    private StaticSplitter() {
    }

    public static List<Range> split(Range range, int parallelism) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1");
        }
        long size = range.size();
        if (size == 0) {
            return List.of();
        }
        int n = (int) Math.max(1, Math.min(parallelism, size));
        long base = size / n;
        long extra = size % n;
        List<Range> chunks = new ArrayList<>(n);
        long start = range.from();
        for (int i = 0; i < n; i++) {
            long end = start + base + (i < extra ? 1 : 0);
            chunks.add(new Range(start, end));
            start = end;
        }
        return chunks;
    }
}
