package dev.dcp.worker.kernel.wasm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WasmKernelTest {

    /** {@code sum(start, end)}: the sum of the integers in [start, end), hand-assembled. */
    static final String SUM = base64("0061736d01000000" + "01070160027e7e017e" + "0302010" + "0"
            + "070701037375" + "6d0000"
            + "0a250123" + "01017e" + "0240" + "0340" + "200020015" + "90d01" + "200220007c2102"
            + "200042017c2100" + "0c00" + "0b" + "0b" + "2002" + "0b");
    /** {@code spin(start, end)}: loops forever. */
    static final String SPIN = base64("0061736d01000000" + "01070160027e7e017e" + "03020100" + "07080104737069"
            + "6e0000" + "0a0b0109" + "000340" + "0c000b" + "42000b");

    // a limit no honest test function comes near even on a loaded machine (a first call parses and interprets cold);
    // the spinning function gets a short one of its own
    private final WasmKernel kernel = new WasmKernel(Duration.ofSeconds(10));
    private final WasmKernel impatientKernel = new WasmKernel(Duration.ofMillis(300));

    @Test
    void callsTheExportedFunctionOnTheSubtasksRange() {
        assertThat(kernel.run(Map.of("module", SUM, "function", "sum", "from", 0, "to", 1000))
                        .output())
                .isEqualTo(Map.of("value", 499_500L));
        assertThat(kernel.run(Map.of("module", SUM, "function", "sum", "from", -5, "to", 5))
                        .output())
                .isEqualTo(Map.of("value", -5L));
    }

    @Test
    void theChunksOfARangeAddUpToTheWhole() {
        long whole = (Long) kernel.run(Map.of("module", SUM, "function", "sum", "from", 10, "to", 5000))
                .output()
                .get("value");
        long parts = 0;
        for (long from = 10; from < 5000; from += 700) {
            parts += (Long)
                    kernel.run(Map.of("module", SUM, "function", "sum", "from", from, "to", Math.min(from + 700, 5000)))
                            .output()
                            .get("value");
        }
        assertThat(parts).isEqualTo(whole).isEqualTo((10L + 4999L) * 4990L / 2);
    }

    @Test
    void aFunctionThatNeverReturnsIsStoppedAtTheTimeLimitAndLeavesTheThreadUninterrupted() {
        long start = System.nanoTime();
        assertThatThrownBy(() -> impatientKernel.run(Map.of("module", SPIN, "function", "spin", "from", 0, "to", 1)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("limit");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
        // and the worker thread is still good for the next subtask
        assertThat(impatientKernel
                        .run(Map.of("module", SUM, "function", "sum", "from", 1, "to", 4))
                        .output())
                .isEqualTo(Map.of("value", 6L));
    }

    @Test
    void aFunctionTheModuleDoesNotExportIsAnError() {
        assertThatThrownBy(() -> kernel.run(Map.of("module", SUM, "function", "product", "from", 0, "to", 3))
                        .output())
                .isInstanceOf(RuntimeException.class);
    }

    @Test
    void anEmptyRangeIsRefused() {
        assertThatThrownBy(() -> kernel.run(Map.of("module", SUM, "function", "sum", "from", 3, "to", 3))
                        .output())
                .isInstanceOf(IllegalArgumentException.class);
    }

    static String base64(String hex) {
        return Base64.getEncoder().encodeToString(HexFormat.of().parseHex(hex));
    }
}
