package dev.dcp.worker.kernel.wasm;

import com.dylibso.chicory.runtime.ChicoryInterruptedException;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import dev.dcp.common.crypto.Hashes;
import dev.dcp.common.event.Kind;
import dev.dcp.common.json.CanonicalJson;
import dev.dcp.worker.kernel.Answer;
import dev.dcp.worker.kernel.Kernel;
import dev.dcp.worker.kernel.SubtaskInput;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code wasm}: calls the module's {@code function(from, to)} in Chicory's interpreter and answers
 * {@code {value}}. The code is a stranger's, so it runs in a fresh instance per subtask (no state leaks between
 * subtasks), with its memory capped at {@link #MAX_PAGES} pages whatever it declares, and interrupted after
 * {@code timeLimit} (Chicory checks the thread's interrupt flag as it runs). Parsed modules are cached by hash:
 * a job's subtasks all carry the same one.
 */
public final class WasmKernel implements Kernel {

    static final int MAX_PAGES = 1024; // 64 MiB
    private static final int CACHED_MODULES = 16;

    private final Duration timeLimit;
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "wasm-watchdog");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, WasmModule> modules = new LinkedHashMap<>(CACHED_MODULES, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, WasmModule> eldest) {
            return size() > CACHED_MODULES;
        }
    };

    public WasmKernel() {
        this(Duration.ofSeconds(60));
    }

    public WasmKernel(Duration timeLimit) {
        this.timeLimit = timeLimit;
    }

    @Override
    public Kind kind() {
        return Kind.WASM;
    }

    @Override
    public Answer run(Map<String, Object> input) {
        WasmModule module = module(SubtaskInput.text(input, "module"));
        String function = SubtaskInput.text(input, "function");
        long from = SubtaskInput.integer(input, "from");
        long to = SubtaskInput.integer(input, "to");
        if (from >= to) {
            throw new IllegalArgumentException("need from < to, got [" + from + ", " + to + ")");
        }
        Thread runner = Thread.currentThread();
        Object lock = new Object();
        boolean[] finished = {false};
        ScheduledFuture<?> alarm = watchdog.schedule(
                () -> {
                    synchronized (lock) {
                        if (!finished[0]) {
                            runner.interrupt();
                        }
                    }
                },
                timeLimit.toMillis(),
                TimeUnit.MILLISECONDS);
        try {
            Instance instance = instance(module);
            long value = instance.export(function).apply(from, to)[0];
            if (Math.abs(value) > CanonicalJson.MAX_SAFE_INTEGER || value == Long.MIN_VALUE) {
                // an answer is hashed as canonical JSON, which holds integers exactly only up to 2^53
                throw new IllegalArgumentException(function + " returned " + value
                        + ", beyond +-(2^53-1), which a JSON result cannot carry exactly");
            }
            return new Answer(Map.of("value", value), 0); // metered in the next step
        } catch (ChicoryInterruptedException e) {
            throw new IllegalStateException(
                    "stopped after the " + timeLimit.toSeconds() + " s limit of a wasm subtask");
        } finally {
            synchronized (lock) {
                finished[0] = true;
            }
            alarm.cancel(false);
            Thread.interrupted(); // an alarm that fired just as the call returned must not reach the listener thread
        }
    }

    private static Instance instance(WasmModule module) {
        Instance.Builder builder = Instance.builder(module);
        if (module.memorySection().isPresent() && module.memorySection().get().memoryCount() > 0) {
            MemoryLimits declared = module.memorySection().get().getMemory(0).limits();
            if (declared.initialPages() > MAX_PAGES) {
                throw new IllegalArgumentException("the module asks for " + declared.initialPages()
                        + " pages of memory; a worker gives at most " + MAX_PAGES);
            }
            builder.withMemoryLimits(
                    new MemoryLimits(declared.initialPages(), Math.min(declared.maximumPages(), MAX_PAGES)));
        }
        return builder.build();
    }

    private WasmModule module(String base64) {
        String key = Hashes.sha256Hex(base64.getBytes(StandardCharsets.US_ASCII));
        synchronized (modules) {
            WasmModule cached = modules.get(key);
            if (cached != null) {
                return cached;
            }
        }
        WasmModule parsed = Parser.parse(Base64.getDecoder().decode(base64));
        synchronized (modules) {
            modules.put(key, parsed);
        }
        return parsed;
    }
}
