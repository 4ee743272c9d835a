package dev.dcp.scheduler.kind;

/** How many subtasks a job gets when it does not say: chunks of a few hundred milliseconds of work, not too many. */
final class DefaultParallelism {

    /** Beyond this, subtasks grow instead: each one costs a Kafka message, a row and a quorum vote. */
    static final int MAX = 256;

    private DefaultParallelism() {}

    /** One subtask per {@code unitsPerSubtask} units (rounded up), between 1 and {@link #MAX}. */
    static int of(long units, long unitsPerSubtask) {
        long n = units / unitsPerSubtask + (units % unitsPerSubtask == 0 ? 0 : 1);
        return (int) Math.max(1, Math.min(MAX, n));
    }
}
