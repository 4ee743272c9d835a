package dev.dcp.worker.kernel;

import dev.dcp.common.metering.AnswerFields;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a kernel computed for one subtask: its kind's output and the work it took, in the kind's units. A fault is
 * an answer too: a failure that every honest worker reaches the same way (a wasm trap, the gas limit), so that
 * replicas vote on it like on a value. Failures that depend on the worker (a time limit, a crash) are exceptions.
 *
 * @param cpuNanos the CPU time the kernel spent, when it ran on a thread of its own (the caller cannot see it);
 *                 -1 when it ran on the caller's thread. A statistic only: it moves no credits.
 */
public record Answer(Map<String, Object> output, long work, long cpuNanos) {

    public Answer {
        if (work < 0) {
            throw new IllegalArgumentException("work is never negative");
        }
        output = Collections.unmodifiableMap(new LinkedHashMap<>(output)); // hashcash answers hold nulls
    }

    public Answer(Map<String, Object> output, long work) {
        this(output, work, -1);
    }

    public static Answer fault(String reason, long work) {
        return new Answer(AnswerFields.fault(reason), work);
    }

    public Answer withCpuNanos(long nanos) {
        return new Answer(output, work, nanos);
    }

    public boolean isFault() {
        return output.containsKey(AnswerFields.FAULT);
    }

    /** The output as it goes on the wire and under the output hash: the kind's members and {@code work}. */
    public Map<String, Object> wireOutput() {
        return AnswerFields.withWork(output, work);
    }
}
