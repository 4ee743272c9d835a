package dev.dcp.worker.kernel;

import dev.dcp.common.event.Kind;
import dev.dcp.worker.kernel.hashcash.HashcashKernel;
import dev.dcp.worker.kernel.matmul.MatmulKernel;
import dev.dcp.worker.kernel.montecarlo.MonteCarloPiKernel;
import dev.dcp.worker.kernel.primes.PrimesKernel;
import dev.dcp.worker.kernel.wasm.WasmKernel;
import dev.dcp.worker.kernel.wordcount.WordcountKernel;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The kernels this worker runs, one per platform {@link Kind}, found by the kind named in a subtask. Plain Java like
 * the kernels themselves; the application declares it as a bean.
 */
public class Kernels {

    private final Map<Kind, Kernel> byKind = new EnumMap<>(Kind.class);

    public Kernels() {
        this(StoredRanges.NONE);
    }

    /** With {@code storedRanges}, the kernels that can read stored objects ({@code wordcount}) do. */
    public Kernels(StoredRanges storedRanges) {
        for (Kernel kernel : List.of(
                new PrimesKernel(),
                new MonteCarloPiKernel(),
                new HashcashKernel(),
                new MatmulKernel(),
                new WordcountKernel(storedRanges),
                new WasmKernel())) {
            if (byKind.putIfAbsent(kernel.kind(), kernel) != null) {
                throw new IllegalStateException(
                        "two kernels for kind \"" + kernel.kind().wireName() + "\"");
            }
        }
    }

    public Optional<Kernel> forKind(String kind) {
        return Kind.named(kind).map(byKind::get);
    }

    public Set<Kind> kinds() {
        return Collections.unmodifiableSet(byKind.keySet());
    }
}
