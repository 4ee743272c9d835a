package dev.dcp.bench;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.InterpreterMachine;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import dev.dcp.testkit.ReferenceAnswers;
import dev.dcp.worker.kernel.wasm.WasmKernel;
import dev.dcp.worker.kernel.wasm.WasmKernel.Engine;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One kernel, {@code sum(start, end)} over 2,000,000 numbers, five ways: plain Java; the module as it came, in
 * Chicory's interpreter and compiled to JVM bytecode; and as the worker runs it, metered (the gas-counting rewrite,
 * a fresh instance per subtask, the call on a runner thread), in each engine. Same answer every way.
 *
 * <pre>java -jar bench/target/benchmarks.jar WasmKernelBench</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class WasmKernelBench {

    /** Fields, not constants, so that the JIT cannot fold the plain-Java loop away. */
    long from = 0;

    long to = 2_000_000;

    private ExportFunction interpreted;
    private ExportFunction compiled;
    private final WasmKernel meteredInterpreter = new WasmKernel(Engine.INTERPRETER, Duration.ofMinutes(5));
    private final WasmKernel meteredCompiler = new WasmKernel(Engine.COMPILER, Duration.ofMinutes(5));
    private Map<String, Object> subtask;

    @Setup
    public void setUp() {
        WasmModule module = Parser.parse(Base64.getDecoder().decode(ReferenceAnswers.SUM_WASM));
        interpreted = Instance.builder(module)
                .withMachineFactory(InterpreterMachine::new)
                .build()
                .export("sum");
        compiled = Instance.builder(module)
                .withMachineFactory(MachineFactoryCompiler.compile(module))
                .build()
                .export("sum");
        subtask = Map.of(
                "module",
                ReferenceAnswers.SUM_WASM,
                "function",
                "sum",
                "from",
                from,
                "to",
                to,
                "gasLimit",
                1_000_000_000L);
        long expected = plainJava();
        for (long v :
                new long[] {interpretedUnmetered(), compiledUnmetered(), interpretedMetered(), compiledMetered()}) {
            if (v != expected) {
                throw new IllegalStateException("an engine computed " + v + ", plain Java " + expected);
            }
        }
    }

    @Benchmark
    public long plainJava() {
        long acc = 0;
        for (long i = from; i < to; i++) {
            acc += i;
        }
        return acc;
    }

    @Benchmark
    public long interpretedUnmetered() {
        return interpreted.apply(from, to)[0];
    }

    @Benchmark
    public long compiledUnmetered() {
        return compiled.apply(from, to)[0];
    }

    @Benchmark
    public long interpretedMetered() {
        return ((Number) meteredInterpreter.run(subtask).output().get("value")).longValue();
    }

    @Benchmark
    public long compiledMetered() {
        return ((Number) meteredCompiler.run(subtask).output().get("value")).longValue();
    }
}
