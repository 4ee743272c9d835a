package dev.dcp.worker.kernel.wasm;

import com.dylibso.chicory.compiler.InterpreterFallback;
import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.ChicoryInterruptedException;
import com.dylibso.chicory.runtime.GlobalInstance;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.InterpreterMachine;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.runtime.TrapException;
import com.dylibso.chicory.runtime.WasmRuntimeException;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.Export;
import com.dylibso.chicory.wasm.types.ExternalType;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import dev.dcp.common.crypto.Hashes;
import dev.dcp.common.event.Kind;
import dev.dcp.common.json.CanonicalJson;
import dev.dcp.common.metering.Gas;
import dev.dcp.worker.kernel.Answer;
import dev.dcp.worker.kernel.Kernel;
import dev.dcp.worker.kernel.SubtaskInput;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code wasm}: calls the module's {@code function(from, to)} and answers {@code {value}} with the gas it burned as
 * its work. The module is a stranger's, so before any engine sees it the {@link GasMeter} rewrites it to meter
 * itself (gas, call depth) and to fit the sandbox (no imports, capped memory and tables); it runs in a fresh
 * instance per subtask, so no state leaks between subtasks.
 *
 * <p>Everything that depends only on the module and the input ends as a fault that every honest worker reaches the
 * same way, with the same work: a module that does not parse or is refused by the sandbox, a missing export or the
 * wrong signature, a trap, the gas limit, the call-depth limit, a value JSON cannot carry. Only what depends on this
 * worker (its wall-clock limit, the JVM's own stack or memory) is an exception, and the subtask goes elsewhere.
 *
 * <p>Modules run compiled to JVM bytecode by Chicory's runtime compiler, compiled once per module and cached by the
 * module's hash; a module the compiler refuses runs in the interpreter. The meter is in the module, so both count
 * the same gas. Calls run on threads of their own with a deep stack, so the call-depth limit, not the JVM's stack,
 * is what stops a deep recursion.
 */
public final class WasmKernel implements Kernel {

    /** How modules are run. */
    public enum Engine {
        /** Chicory's runtime compiler, the interpreter where it refuses a module. */
        COMPILER,
        /** Chicory's interpreter only. */
        INTERPRETER
    }

    private static final Logger log = LoggerFactory.getLogger(WasmKernel.class);
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final int CACHED_MODULES = 16;

    /** Deep enough that {@link GasMeter#MAX_CALL_DEPTH} nested calls fit in either engine; only touched pages cost. */
    private static final long RUNNER_STACK_BYTES = 512L * 1024 * 1024;

    private static final AtomicInteger RUNNERS = new AtomicInteger();

    /** A module made ready to run, or the reason it never will be. */
    private record Prepared(
            WasmModule module,
            GasMeter.Metered metered,
            Function<Instance, Machine> machines,
            Engine engine,
            String refusal) {

        static Prepared refused(String reason) {
            return new Prepared(null, null, null, null, reason);
        }
    }

    private final Engine engine;
    private final Duration timeLimit;
    private final ExecutorService runners =
            new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), task -> {
                Thread t = new Thread(null, task, "wasm-" + RUNNERS.incrementAndGet(), RUNNER_STACK_BYTES);
                t.setDaemon(true);
                return t;
            });
    private final Map<String, CompletableFuture<Prepared>> modules = new LinkedHashMap<>(CACHED_MODULES, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, CompletableFuture<Prepared>> eldest) {
            return size() > CACHED_MODULES;
        }
    };

    public WasmKernel() {
        this(Engine.COMPILER, Duration.ofSeconds(60));
    }

    public WasmKernel(Engine engine, Duration timeLimit) {
        this.engine = engine;
        this.timeLimit = timeLimit;
    }

    @Override
    public Kind kind() {
        return Kind.WASM;
    }

    @Override
    public Answer run(Map<String, Object> input) {
        String base64 = SubtaskInput.text(input, "module");
        String function = SubtaskInput.text(input, "function");
        long from = SubtaskInput.integer(input, "from");
        long to = SubtaskInput.integer(input, "to");
        long gasLimit = input.get("gasLimit") == null ? Gas.DEFAULT_LIMIT : SubtaskInput.integer(input, "gasLimit");
        if (from >= to) {
            throw new IllegalArgumentException("need from < to, got [" + from + ", " + to + ")");
        }
        if (gasLimit < 1 || gasLimit > Gas.MAX_LIMIT) {
            throw new IllegalArgumentException("gasLimit must be between 1 and " + Gas.MAX_LIMIT + ", got " + gasLimit);
        }
        Prepared prepared = prepared(base64);
        if (prepared.refusal() != null) {
            return Answer.fault("the module " + prepared.refusal(), 0);
        }
        String exportProblem = exportProblem(prepared.module(), function);
        if (exportProblem != null) {
            return Answer.fault("the module " + exportProblem, 0);
        }
        Future<Answer> call = runners.submit(() -> call(prepared, function, from, to, gasLimit));
        try {
            return call.get(timeLimit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            call.cancel(true); // compiled and interpreted code both stop at the next loop head once interrupted
            throw new IllegalStateException("stopped after this worker's " + timeLimit.toSeconds()
                    + " s limit of a wasm subtask, before its gas ran out");
        } catch (InterruptedException e) {
            call.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while a wasm subtask ran", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            // an Error (the JVM's memory or stack): this worker's trouble, not the module's verdict
            throw new IllegalStateException("the wasm subtask failed on this worker: " + e.getCause(), e.getCause());
        }
    }

    /** The engine a module runs in, once prepared: the compiler unless it refused the module. */
    Engine engineFor(String base64) {
        Prepared p = prepared(base64);
        if (p.refusal() != null) {
            throw new IllegalArgumentException("the module " + p.refusal());
        }
        return p.engine();
    }

    private Answer call(Prepared p, String function, long from, long to, long limit) {
        long cpuStart = THREADS.getCurrentThreadCpuTime();
        Instance instance;
        try {
            instance = Instance.builder(p.module())
                    .withMachineFactory(p.machines())
                    .build();
        } catch (TrapException | WasmRuntimeException e) {
            return Answer.fault("the module cannot be instantiated: " + reason(e), 0);
        } catch (ChicoryException e) {
            return Answer.fault("the module cannot be instantiated: " + e.getMessage(), 0);
        }
        GlobalInstance gas = instance.global(p.metered().gasGlobal());
        GlobalInstance depth = instance.global(p.metered().depthGlobal());
        gas.setValue(limit);
        Answer answer;
        try {
            if (p.metered().startFunction() >= 0) {
                instance.getMachine().call(p.metered().startFunction(), new long[0]);
            }
            long value = instance.export(function).apply(from, to)[0];
            long left = gas.getValue();
            if (left < 0) {
                answer = outOfGas(limit);
            } else if (Math.abs(value) > CanonicalJson.MAX_SAFE_INTEGER || value == Long.MIN_VALUE) {
                // an answer is hashed as canonical JSON, which holds integers exactly only up to 2^53 - 1
                answer = Answer.fault(
                        function + " returned " + value + ", beyond ±(2^53 − 1), which a JSON result cannot carry",
                        limit - left);
            } else {
                answer = new Answer(Map.of("value", value), limit - left);
            }
        } catch (ChicoryInterruptedException e) {
            throw new IllegalStateException("interrupted: " + e.getMessage(), e);
        } catch (ChicoryException e) {
            if (!isTrap(e)) {
                // e.g. the JVM's stack ran out before the depth limit: depends on this worker, not on the module
                throw new IllegalStateException("the wasm engine failed on this worker: " + e.getMessage(), e);
            }
            long left = gas.getValue();
            if (left < 0) {
                answer = outOfGas(limit);
            } else if (depth.getValue() > GasMeter.MAX_CALL_DEPTH) {
                answer = Answer.fault(
                        "call stack exhausted: more than " + GasMeter.MAX_CALL_DEPTH + " nested calls", limit - left);
            } else {
                answer = Answer.fault("trapped: " + reason(e), limit - left);
            }
        }
        return answer.withCpuNanos(THREADS.getCurrentThreadCpuTime() - cpuStart);
    }

    /** The traps WebAssembly defines, as Chicory words them; some it raises as plain {@link ChicoryException}s. */
    private static final List<String> TRAPS = List.of(
            "unreachable",
            "uninitialized element",
            "undefined element",
            "indirect call type mismatch",
            "out of bounds",
            "integer overflow",
            "integer divide by zero",
            "invalid conversion to integer",
            // not "call stack exhausted": that is the JVM's stack, which depends on the worker; the module's own depth
            // limit traps through unreachable, checked against the depth global
            "null reference");

    /** Whether the exception is the module's own trap (the same on every worker), not this worker's trouble. */
    private static boolean isTrap(ChicoryException e) {
        if (e instanceof TrapException || e instanceof WasmRuntimeException) {
            return true;
        }
        String message = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
        return TRAPS.stream().anyMatch(message::contains);
    }

    private static Answer outOfGas(long limit) {
        return Answer.fault("out of gas: the subtask's limit of " + limit + " gas is spent", limit);
    }

    /** A trap's reason in words that do not depend on the engine that raised it. */
    private static String reason(ChicoryException e) {
        String message = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
        if (message.contains("unreachable")) {
            return "unreachable executed";
        }
        if (message.startsWith("out of bounds memory access")) {
            // the rest names addresses and sizes in words that differ between engines and releases
            return "out of bounds memory access";
        }
        return message.isEmpty() ? e.getClass().getSimpleName() : message;
    }

    /** What is wrong with the module's export of {@code function} for a call (i64, i64) -> i64, or null. */
    private static String exportProblem(WasmModule module, String function) {
        var exports = module.exportSection();
        for (int i = 0; i < exports.exportCount(); i++) {
            Export e = exports.getExport(i);
            if (e.name().equals(function) && e.exportType() == ExternalType.FUNCTION) {
                FunctionType type = module.functionSection().getFunctionType(e.index(), module.typeSection());
                if (!type.params().equals(List.of(ValType.I64, ValType.I64))
                        || !type.returns().equals(List.of(ValType.I64))) {
                    return "exports " + function + " with signature " + type.params() + " -> " + type.returns()
                            + ", not (i64, i64) -> i64";
                }
                return null;
            }
        }
        return "exports no function named " + function;
    }

    private Prepared prepared(String base64) {
        String key = Hashes.sha256Hex(base64.getBytes(StandardCharsets.US_ASCII));
        CompletableFuture<Prepared> mine = new CompletableFuture<>();
        CompletableFuture<Prepared> existing;
        synchronized (modules) {
            existing = modules.get(key);
            if (existing == null) {
                modules.put(key, mine);
            }
        }
        if (existing != null) {
            return existing.join(); // another slot prepares it: compile once
        }
        try {
            Prepared p = prepare(base64);
            mine.complete(p);
            return p;
        } catch (RuntimeException | Error e) {
            synchronized (modules) {
                modules.remove(key, mine);
            }
            mine.completeExceptionally(e);
            throw e;
        }
    }

    private Prepared prepare(String base64) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            return Prepared.refused("is not standard base64: " + e.getMessage());
        }
        GasMeter.Metered metered;
        try {
            metered = GasMeter.instrument(bytes);
        } catch (ModuleRefused e) {
            return Prepared.refused(e.getMessage());
        }
        WasmModule module;
        try {
            module = Parser.parse(metered.bytes());
        } catch (ChicoryException | IllegalArgumentException | IndexOutOfBoundsException e) {
            return Prepared.refused("is not a valid WebAssembly module: " + e.getMessage());
        }
        if (engine == Engine.COMPILER) {
            try {
                Function<Instance, Machine> compiled = MachineFactoryCompiler.builder(module)
                        .withInterpreterFallback(InterpreterFallback.SILENT)
                        .compile();
                return new Prepared(module, metered, compiled, Engine.COMPILER, null);
            } catch (RuntimeException | LinkageError e) {
                log.info("the compiler refused a wasm module ({}); it runs in the interpreter", e.toString());
            }
        }
        return new Prepared(module, metered, InterpreterMachine::new, Engine.INTERPRETER, null);
    }
}
