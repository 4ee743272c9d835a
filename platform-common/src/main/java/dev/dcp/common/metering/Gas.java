package dev.dcp.common.metering;

/**
 * The gas bounds of a {@code wasm} subtask. The scheduler applies the default to a job that names no
 * {@code gasLimit} and refuses one above the maximum; a worker stops a module the moment it has burned its limit,
 * and every worker stops it at the same instruction.
 */
public final class Gas {

    /** A job's subtasks get this much each unless it says otherwise: about 0.7 reference CPU-seconds compiled. */
    public static final long DEFAULT_LIMIT = 5_000_000_000L;

    /** About 2.7 reference CPU-seconds compiled: inside a worker's wall-clock limit of a subtask (60 s), so that the gas, not the clock, stops a module. */
    public static final long MAX_LIMIT = 20_000_000_000L;

    private Gas() {}
}
