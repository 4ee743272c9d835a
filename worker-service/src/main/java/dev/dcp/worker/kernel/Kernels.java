package dev.dcp.worker.kernel;

import dev.dcp.worker.kernel.hashcash.HashcashKernel;
import dev.dcp.worker.kernel.matmul.MatmulKernel;
import dev.dcp.worker.kernel.montecarlo.MonteCarloPiKernel;
import dev.dcp.worker.kernel.primes.PrimesKernel;
import dev.dcp.worker.kernel.wasm.WasmKernel;
import dev.dcp.worker.kernel.wordcount.WordcountKernel;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

@Component
public class Kernels {

    private final Map<String, Kernel> byKind = Map.of(
            "primes", new PrimesKernel(),
            "montecarlo-pi", new MonteCarloPiKernel(),
            "hashcash", new HashcashKernel(),
            "matmul", new MatmulKernel(),
            "wordcount", new WordcountKernel(),
            "wasm", new WasmKernel());

    public Optional<Kernel> forKind(String kind) {
        return Optional.ofNullable(kind).map(byKind::get);
    }
}
