package dev.dcp.worker.kernel;

import dev.dcp.worker.kernel.primes.PrimesKernel;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

@Component
public class Kernels {

    private final Map<String, Kernel> byKind = Map.of("primes", new PrimesKernel());

    public Optional<Kernel> forKind(String kind) {
        return Optional.ofNullable(kind).map(byKind::get);
    }
}
