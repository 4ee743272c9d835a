package dev.dcp.bench;

import dev.dcp.common.metering.WorkUnit;
import dev.dcp.testkit.ReferenceAnswers;
import dev.dcp.worker.kernel.Answer;
import dev.dcp.worker.kernel.Kernel;
import dev.dcp.worker.kernel.hashcash.HashcashKernel;
import dev.dcp.worker.kernel.matmul.MatmulKernel;
import dev.dcp.worker.kernel.montecarlo.MonteCarloPiKernel;
import dev.dcp.worker.kernel.primes.PrimesKernel;
import dev.dcp.worker.kernel.wasm.WasmKernel;
import dev.dcp.worker.kernel.wordcount.WordcountKernel;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Measures each kind's work units per CPU-second on this machine, with the worker's own kernels on one thread and
 * typical subtasks, and prints them beside the constants {@link WorkUnit} publishes. Run once on the reference
 * machine to set the price list (docs/contracts.md); elsewhere the ratio says how fast a machine is against it.
 *
 * <pre>java -cp bench/target/benchmarks.jar dev.dcp.bench.WorkUnitCalibration [seconds per kind, default 5]</pre>
 */
public final class WorkUnitCalibration {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private WorkUnitCalibration() {}

    public static void main(String[] args) {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 5;
        Map<Kernel, Map<String, Object>> subtasks = new LinkedHashMap<>();
        subtasks.put(new PrimesKernel(), Map.of("from", 1_000_000_000L, "to", 1_050_000_000L));
        subtasks.put(new MonteCarloPiKernel(), Map.of("seed", 42, "from", 0, "to", 20_000_000));
        subtasks.put(
                new HashcashKernel(),
                // difficulty 60: no proof in range, so the whole range is tried (the worst case a price must cover)
                Map.of("prefix", "dcp-calibration-", "difficulty", 60, "from", 0, "to", 2_000_000));
        subtasks.put(new MatmulKernel(), Map.of("n", 512, "seed", 7, "rowFrom", 0, "rowTo", 64));
        subtasks.put(new WordcountKernel(), Map.of("text", ReferenceAnswers.generatedText(8_000_000, 3)));
        subtasks.put(
                new WasmKernel(),
                Map.of(
                        "module",
                        ReferenceAnswers.SUM_WASM,
                        "function",
                        "sum",
                        "from",
                        0,
                        "to",
                        20_000_000,
                        "gasLimit",
                        1_000_000_000L));

        System.out.printf(
                Locale.ROOT, "%-14s %18s %18s %8s%n", "kind", "measured units/s", "published units/s", "ratio");
        for (Map.Entry<Kernel, Map<String, Object>> e : subtasks.entrySet()) {
            Kernel kernel = e.getKey();
            for (int i = 0; i < 3; i++) {
                kernel.run(e.getValue()); // warm-up: the JIT, the wasm module's compilation
            }
            long work = 0;
            long cpu = 0;
            while (cpu < seconds * 1e9) {
                long start = THREADS.getCurrentThreadCpuTime();
                Answer answer = kernel.run(e.getValue());
                // the wasm kernel runs the module on a thread of its own and reports that thread's time
                cpu += answer.cpuNanos() >= 0 ? answer.cpuNanos() : THREADS.getCurrentThreadCpuTime() - start;
                work += answer.work();
            }
            double perSecond = work / (cpu / 1e9);
            long published = WorkUnit.of(kernel.kind()).unitsPerReferenceCpuSecond();
            System.out.printf(
                    Locale.ROOT,
                    "%-14s %,18.0f %,18d %8.2f%n",
                    kernel.kind().wireName(),
                    perSecond,
                    published,
                    perSecond / published);
        }
    }
}
