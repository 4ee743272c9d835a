package dev.dcp.worker.kernel.wasm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dcp.common.metering.AnswerFields;
import dev.dcp.common.metering.Gas;
import dev.dcp.testkit.WasmModules;
import dev.dcp.worker.kernel.Answer;
import dev.dcp.worker.kernel.wasm.WasmKernel.Engine;
import java.io.IOException;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The wasm kernel runs strangers' modules: metered by gas the same way in both engines and on every worker, and
 * every hostile module ends as a fault the replicas can agree on, leaving the kernel good for the next subtask. The
 * modules are in {@code src/test/resources/wasm}, each with its text form beside it.
 */
class WasmKernelTest {

    static final String SUM = WasmModules.base64("sum");

    // a wall-clock limit no honest test function comes near even on a loaded machine; the gas stops the rest
    private final WasmKernel compiler = new WasmKernel(Engine.COMPILER, Duration.ofSeconds(60));
    private final WasmKernel interpreter = new WasmKernel(Engine.INTERPRETER, Duration.ofSeconds(60));

    private WasmKernel kernel(Engine engine) {
        return engine == Engine.COMPILER ? compiler : interpreter;
    }

    private static Map<String, Object> call(String module, String function, long from, long to) {
        Map<String, Object> input = new HashMap<>();
        input.put("module", module);
        input.put("function", function);
        input.put("from", from);
        input.put("to", to);
        return input;
    }

    private static Map<String, Object> call(String module, String function, long from, long to, long gasLimit) {
        Map<String, Object> input = call(module, function, from, to);
        input.put("gasLimit", gasLimit);
        return input;
    }

    private static String fault(Answer answer) {
        return AnswerFields.faultOf(answer.output());
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void callsTheExportedFunctionOnTheSubtasksRange(Engine engine) {
        assertThat(kernel(engine).run(call(SUM, "sum", 0, 1000)).output()).isEqualTo(Map.of("value", 499_500L));
        assertThat(kernel(engine).run(call(SUM, "sum", -5, 5)).output()).isEqualTo(Map.of("value", -5L));
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void theExampleModuleCountsTheCollatzStepsItsReadmeShows(Engine engine) throws IOException {
        String example = Base64.getEncoder()
                .encodeToString(java.nio.file.Files.readAllBytes(
                        java.nio.file.Path.of("../examples/wasm-collatz/collatz.wasm")));
        Answer answer = kernel(engine).run(call(example, "steps", 1, 100_000));
        // the steps of 1 … 99,999 to reach 1, counted by a plain loop elsewhere
        assertThat(answer.output()).isEqualTo(Map.of("value", 10_753_712L));
        assertThat(answer.work()).isGreaterThan(10_753_712L);
    }

    @Test
    void theChunksOfARangeAddUpToTheWhole() {
        long whole = (Long) compiler.run(call(SUM, "sum", 10, 5000)).output().get("value");
        long parts = 0;
        for (long from = 10; from < 5000; from += 700) {
            parts += (Long) compiler.run(call(SUM, "sum", from, Math.min(from + 700, 5000)))
                    .output()
                    .get("value");
        }
        assertThat(parts).isEqualTo(whole).isEqualTo((10L + 4999L) * 4990L / 2);
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void theWorkIsOneUnitOfGasPerInstructionExecuted(Engine engine) {
        // sum's loop runs 13 instructions a turn (4 to test the end, 9 to add and step); around it, block and loop
        // (2), the last test (4) and the return of the total (2)
        for (long n : new long[] {1, 2, 7, 1000}) {
            assertThat(kernel(engine).run(call(SUM, "sum", 0, n)).work())
                    .as("gas of a sum over %d numbers", n)
                    .isEqualTo(8 + 13 * n);
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aLimitOfExactlyTheGasNeededIsEnoughAndOneLessIsNot(Engine engine) {
        long needed = 8 + 13 * 100;
        assertThat(kernel(engine).run(call(SUM, "sum", 0, 100, needed)).output())
                .isEqualTo(Map.of("value", 4950L));
        Answer short1 = kernel(engine).run(call(SUM, "sum", 0, 100, needed - 1));
        assertThat(fault(short1)).startsWith("out of gas");
        assertThat(short1.work()).isEqualTo(needed - 1);
    }

    @Test
    void gasCountsAreEqualInTheInterpreterAndTheCompilerAndOnAnyTwoWorkers() {
        WasmKernel anotherWorker = new WasmKernel(Engine.COMPILER, Duration.ofSeconds(60));
        String mixed = WasmModules.base64("mixed");
        String depth = WasmModules.base64("depth");
        String start = WasmModules.base64("start");
        for (Map<String, Object> input : new Map[] {
            call(SUM, "sum", -300, 12_345),
            call(mixed, "mixed", 0, 3_000),
            call(mixed, "mixed", 1_000_000, 1_000_500),
            call(depth, "depth", 0, 2_000),
            call(start, "f", 5, 10),
            call(WasmModules.base64("spin"), "spin", 0, 1, 2_000_000),
            call(WasmModules.base64("recursion"), "f", 0, 1),
            call(WasmModules.base64("traps"), "trap", 4, 5),
            call(WasmModules.base64("memory-grow"), "f", 0, 1)
        }) {
            Answer compiled = compiler.run(input);
            assertThat(interpreter.run(input))
                    .as("the interpreter's answer to %s", input.get("function"))
                    .usingRecursiveComparison()
                    .ignoringFields("cpuNanos")
                    .isEqualTo(compiled);
            assertThat(anotherWorker.run(input))
                    .as("another worker's answer to %s", input.get("function"))
                    .usingRecursiveComparison()
                    .ignoringFields("cpuNanos")
                    .isEqualTo(compiled);
            assertThat(compiler.run(input).work()).as("a second run").isEqualTo(compiled.work());
            assertThat(compiled.work()).isPositive();
        }
    }

    @Test
    void aModuleExercisingEveryRewrittenConstructComputesWhatJavaComputes() {
        long expected = 7; // a byte of the filled and copied memory
        for (long n = 0; n < 3_000; n++) {
            long steps = 0;
            for (long m = n; m > 1; m = (m & 1) == 1 ? 3 * m + 1 : m >>> 1) {
                steps++;
            }
            expected += steps;
        }
        assertThat(compiler.run(call(WasmModules.base64("mixed"), "mixed", 0, 3_000))
                        .output())
                .isEqualTo(Map.of("value", expected));
    }

    @Test
    void modulesRunCompiledAndTheCompiledModuleIsReusedAcrossSubtasks() {
        assertThat(compiler.engineFor(SUM)).isEqualTo(Engine.COMPILER);
        assertThat(interpreter.engineFor(SUM)).isEqualTo(Engine.INTERPRETER);
        Answer first = compiler.run(call(SUM, "sum", 0, 10));
        Answer second = compiler.run(call(SUM, "sum", 0, 10));
        assertThat(second.output()).isEqualTo(first.output());
        assertThat(second.work()).isEqualTo(first.work());
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void anInfiniteLoopRunsOutOfGasAndTheWorkIsTheWholeLimit(Engine engine) {
        Answer answer = kernel(engine).run(call(WasmModules.base64("spin"), "spin", 0, 1, 5_000_000));
        assertThat(fault(answer)).isEqualTo("out of gas: the subtask's limit of 5000000 gas is spent");
        assertThat(answer.work()).isEqualTo(5_000_000);
        assertThat(kernel(engine).run(call(SUM, "sum", 1, 4)).output()).isEqualTo(Map.of("value", 6L));
    }

    @Test
    void withoutAGasLimitTheDefaultApplies() {
        Answer answer = compiler.run(call(WasmModules.base64("spin"), "spin", 0, 1));
        assertThat(fault(answer)).startsWith("out of gas");
        assertThat(answer.work()).isEqualTo(Gas.DEFAULT_LIMIT);
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aMemoryBombIsRefusedOrCappedAndTheKernelStaysHealthy(Engine engine) {
        Answer upFront = kernel(engine).run(call(WasmModules.base64("memory-bomb"), "f", 0, 1));
        assertThat(fault(upFront)).contains("asks for 60000 pages of memory").contains("at most 1024");
        assertThat(upFront.work()).isZero();

        // growing stops at 1,024 pages (64 MiB): memory.grow answers -1 and the module gives up with a trap
        Answer grown = kernel(engine).run(call(WasmModules.base64("memory-grow"), "f", 0, 1));
        assertThat(fault(grown)).isEqualTo("trapped: unreachable executed");
        assertThat(grown.work()).isGreaterThan((GasMeter.MAX_PAGES - 1) << GasMeter.PAGE_SHIFT);

        assertThat(kernel(engine).run(call(SUM, "sum", 1, 4)).output()).isEqualTo(Map.of("value", 6L));
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aTableGrownByABillionElementsIsChargedForThemAndGetsNone(Engine engine) {
        Answer answer = kernel(engine).run(call(WasmModules.base64("table-bomb"), "f", 0, 1));
        assertThat(answer.output()).isEqualTo(Map.of("value", -1L));
        assertThat(answer.work()).isGreaterThan(1_000_000_000L);
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void unboundedRecursionStopsAtTheCallDepthLimitTheSameWayInBothEngines(Engine engine) {
        Answer answer = kernel(engine).run(call(WasmModules.base64("recursion"), "f", 0, 1));
        assertThat(fault(answer)).isEqualTo("call stack exhausted: more than 10000 nested calls");
        assertThat(kernel(engine).run(call(SUM, "sum", 1, 4)).output()).isEqualTo(Map.of("value", 6L));
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void recursionJustWithinTheLimitFitsOnTheStack(Engine engine) {
        String depth = WasmModules.base64("depth");
        // the export calls nest(n), which nests n more: n + 1 calls deep
        assertThat(kernel(engine).run(call(depth, "depth", 0, 9_999)).output()).isEqualTo(Map.of("value", 9_999L));
        assertThat(fault(kernel(engine).run(call(depth, "depth", 0, 10_000)))).startsWith("call stack exhausted");
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void eachKindOfTrapIsAFaultNamedTheSameInBothEngines(Engine engine) {
        String traps = WasmModules.base64("traps");
        Map<Long, String> expected = Map.of(
                0L, "trapped: unreachable executed",
                1L, "trapped: uninitialized element 1",
                2L, "trapped: indirect call type mismatch",
                3L, "trapped: invalid conversion to integer",
                4L, "trapped: out of bounds memory access",
                5L, "trapped: integer overflow");
        expected.forEach((kind, reason) -> assertThat(fault(kernel(engine).run(call(traps, "trap", kind, kind + 1))))
                .as("trap %d", kind)
                .isEqualTo(reason));
        Answer divided = kernel(engine).run(call(WasmModules.base64("divide"), "divide", 10, 11));
        assertThat(fault(divided)).isEqualTo("trapped: integer divide by zero");
        assertThat(divided.work()).isPositive();
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aStartFunctionRunsOnceBeforeTheCallAndItsGasCounts(Engine engine) {
        Answer answer = kernel(engine).run(call(WasmModules.base64("start"), "f", 5, 10));
        assertThat(answer.output()).isEqualTo(Map.of("value", 1005L));
        // init: i64.const, global.set and its end (3); f: global.get, two local.get, i64.sub, i64.add and its end (6)
        assertThat(answer.work()).isEqualTo(3 + 6);
    }

    @Test
    void modulesThatImportAnythingAreRefusedWasiByName() {
        assertThat(fault(compiler.run(call(WasmModules.base64("imports"), "f", 0, 1))))
                .isEqualTo("the module imports env.now: the allowed set of imports is empty (a module must be"
                        + " self-contained and import nothing)");
        assertThat(fault(compiler.run(call(WasmModules.base64("wasi"), "f", 0, 1))))
                .startsWith("the module imports wasi_snapshot_preview1.fd_write: WASI is not offered");
    }

    @Test
    void aMissingExportOrTheWrongSignatureIsAFault() {
        assertThat(fault(compiler.run(call(SUM, "product", 0, 3))))
                .isEqualTo("the module exports no function named product");
        assertThat(fault(compiler.run(call(WasmModules.base64("wrong-signature"), "f", 0, 3))))
                .isEqualTo("the module exports f with signature [I32] -> [I32], not (i64, i64) -> i64");
    }

    @Test
    void bytesThatAreNoModuleAreAFault() {
        String notWasm = Base64.getEncoder().encodeToString(new byte[] {0x00, 0x11, 0x22, 0x33});
        assertThat(fault(compiler.run(call(notWasm, "f", 0, 1))))
                .isEqualTo("the module is not a WebAssembly binary module (version 1): its header is wrong");
        byte[] sum = Base64.getDecoder().decode(SUM);
        String truncated = Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(sum, sum.length - 3));
        assertThat(fault(compiler.run(call(truncated, "sum", 0, 1)))).startsWith("the module is not a well-formed");
    }

    @Test
    void aValueJsonCannotCarryIsAFault() {
        Answer answer = compiler.run(call(WasmModules.base64("big"), "big", 0, 1));
        assertThat(fault(answer)).startsWith("big returned 1152921504606846976");
        assertThat(answer.work()).isEqualTo(2);
    }

    @Test
    void aFunctionThatOutrunsTheWallClockIsThisWorkersFailureAndTheKernelStaysGood() {
        WasmKernel impatient = new WasmKernel(Engine.INTERPRETER, Duration.ofMillis(300));
        long start = System.nanoTime();
        assertThatThrownBy(() -> impatient.run(call(WasmModules.base64("spin"), "spin", 0, 1, Gas.MAX_LIMIT)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("limit");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
        assertThat(impatient.run(call(SUM, "sum", 1, 4)).output()).isEqualTo(Map.of("value", 6L));
    }

    @Test
    void anEmptyRangeIsRefused() {
        assertThatThrownBy(() -> compiler.run(call(SUM, "sum", 3, 3))).isInstanceOf(IllegalArgumentException.class);
    }
}
