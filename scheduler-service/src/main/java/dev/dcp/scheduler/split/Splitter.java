package dev.dcp.scheduler.split;

import java.util.List;

/**
 * Cuts a range of a job's index space into contiguous chunks, in order, covering it exactly. A chunk is never empty,
 * so an empty range gives none; there are {@code parts} chunks, fewer only when the range has fewer units.
 */
public interface Splitter {

    /** @throws IllegalArgumentException if {@code parts} is below 1 */
    List<Range> split(Range range, int parts);
}
