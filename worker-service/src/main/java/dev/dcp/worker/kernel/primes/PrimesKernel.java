package dev.dcp.worker.kernel.primes;

import dev.dcp.common.event.Kind;
import dev.dcp.worker.kernel.Kernel;
import java.util.Map;

public final class PrimesKernel implements Kernel {

    @Override
    public Kind kind() {
        return Kind.PRIMES;
    }

    @Override
    public Map<String, Object> run(Map<String, Object> input) {
        long from = ((Number) input.get("from")).longValue();
        long to = ((Number) input.get("to")).longValue();
        return Map.of("count", SegmentedSieve.count(from, to));
    }
}
