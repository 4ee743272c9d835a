package dev.dcp.worker.kernel.primes;

import dev.dcp.common.event.Kind;
import dev.dcp.common.metering.WorkCount;
import dev.dcp.worker.kernel.Answer;
import dev.dcp.worker.kernel.Kernel;
import java.util.Map;

public final class PrimesKernel implements Kernel {

    @Override
    public Kind kind() {
        return Kind.PRIMES;
    }

    @Override
    public Answer run(Map<String, Object> input) {
        long from = ((Number) input.get("from")).longValue();
        long to = ((Number) input.get("to")).longValue();
        return new Answer(Map.of("count", SegmentedSieve.count(from, to)), WorkCount.primes(from, to));
    }
}
