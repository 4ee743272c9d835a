package dev.dcp.scheduler.kind;

import static dev.dcp.scheduler.kind.KindAssertions.SPLITTERS;
import static dev.dcp.scheduler.kind.KindAssertions.assertCovers;
import static dev.dcp.scheduler.kind.KindAssertions.fields;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dcp.common.metering.Gas;
import dev.dcp.common.web.ProblemException.FieldError;
import dev.dcp.scheduler.split.Splitter;
import dev.dcp.scheduler.split.StaticSplitter;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WasmJobTest {

    /** Exports {@code sum(i64, i64) -> i64}, hand-assembled (the same module as the worker's kernel test). */
    static final String SUM = base64("0061736d01000000" + "01070160027e7e017e" + "03020100" + "07070103" + "73756d0000"
            + "0a250123" + "01017e" + "0240" + "0340" + "2000200159" + "0d01" + "200220007c2102" + "200042017c2100"
            + "0c00" + "0b" + "0b" + "2002" + "0b");
    /** Exports {@code id(i32) -> i32}. */
    static final String ID_I32 =
            base64("0061736d01000000" + "0106016001" + "7f017f" + "03020100" + "0706010269640000" + "0a0601040020000b");
    /** Imports {@code env.f} and nothing else. */
    static final String IMPORTS = base64("0061736d01000000" + "01070160027e7e017e" + "0209010365" + "6e7601660000");

    private final WasmJob kind = new WasmJob();

    @Test
    void aModuleExportingTheFunctionWithTheRightSignatureIsValid() {
        assertThat(kind.validate(spec(SUM, "sum", "sum"))).isEmpty();
    }

    @Test
    void onlyTheModulesEncodingIsCheckedHereTheWorkersJudgeWhatItDoes() {
        assertThat(problem(spec("not base64!", "sum", "sum"))).contains("base64");
        // not wasm, no such export, the wrong signature, an import: each becomes a fault every worker agrees on
        assertThat(kind.validate(spec(base64("00112233"), "sum", "sum"))).isEmpty();
        assertThat(kind.validate(spec(SUM, "product", "sum"))).isEmpty();
        assertThat(kind.validate(spec(ID_I32, "id", "sum"))).isEmpty();
        assertThat(kind.validate(spec(IMPORTS, "f", "sum"))).isEmpty();
    }

    @Test
    void aModuleTooLargeForASubtaskMessageIsRefusedAsTooLarge() {
        Map<String, Object> input = new HashMap<>(spec(SUM, "sum", "sum"));
        input.put("module", "A".repeat(WasmJob.MAX_MODULE_CHARS + 4));
        assertThatThrownBy(() -> kind.validate(input))
                .isInstanceOf(InputTooLarge.class)
                .hasMessageContaining(String.valueOf(WasmJob.MAX_MODULE_CHARS));
    }

    @Test
    void theGasLimitIsOptionalAndBoundedAndEverySubtaskCarriesIt() {
        Map<String, Object> input = new HashMap<>(spec(SUM, "sum", "sum"));
        assertThat(kind.split(input, 3, new StaticSplitter()))
                .allSatisfy(p -> assertThat(kind.workBound(p)).isEqualTo(Gas.DEFAULT_LIMIT))
                .allSatisfy(p -> assertThat(p).containsEntry("gasLimit", Gas.DEFAULT_LIMIT));
        input.put("gasLimit", 1_000_000);
        assertThat(kind.validate(input)).isEmpty();
        assertThat(kind.split(input, 3, new StaticSplitter()))
                .allSatisfy(p -> assertThat(kind.workBound(p)).isEqualTo(1_000_000L));
        for (Object bad : List.of(0, -1, Gas.MAX_LIMIT + 1, "lots", 2.5)) {
            input.put("gasLimit", bad);
            assertThat(fields(kind.validate(input))).as("gasLimit %s", bad).containsExactly("input.gasLimit");
        }
    }

    @Test
    void combineAndTheRangeAreChecked() {
        assertThat(fields(kind.validate(spec(SUM, "sum", "avg")))).containsExactly("input.combine");
        Map<String, Object> empty = new HashMap<>(spec(SUM, "sum", "max"));
        empty.put("to", -50);
        assertThat(fields(kind.validate(empty))).containsExactly("input.to");
        assertThat(fields(kind.validate(Map.of())))
                .containsExactlyInAnyOrder("input.module", "input.function", "input.from", "input.to", "input.combine");
    }

    @Test
    void eachStrategyCoversTheRangeAndEverySubtaskCarriesTheModule() {
        for (Splitter splitter : SPLITTERS) {
            List<Map<String, Object>> parts = kind.split(spec(SUM, "sum", "sum"), 7, splitter);
            assertCovers(parts, "from", "to", -50, 1_000);
            assertThat(parts)
                    .allSatisfy(p -> assertThat(p).containsEntry("module", SUM).containsEntry("function", "sum"));
        }
    }

    @Test
    void aLargeModuleGetsFewerSubtasksThanAskedSoItsCopiesStayBounded() {
        Map<String, Object> input = new HashMap<>(spec(SUM, "sum", "sum"));
        input.put("module", "A".repeat(WasmJob.MAX_MODULE_CHARS)); // split trusts validate() for the content
        int parts = kind.split(input, 10_000, new StaticSplitter()).size();
        assertThat(parts).isLessThan(10_000);
        assertThat((long) parts * WasmJob.MAX_MODULE_CHARS).isLessThanOrEqualTo(WasmJob.MAX_MODULE_COPY_CHARS);
    }

    @Test
    void valuesCombineBySumMinOrMax() {
        List<Map<String, Object>> outputs = List.of(Map.of("value", 5L), Map.of("value", -3L), Map.of("value", 9L));
        assertThat(kind.reducer().reduce(Map.of("combine", "sum"), outputs)).isEqualTo(Map.of("value", 11L));
        assertThat(kind.reducer().reduce(Map.of("combine", "min"), outputs)).isEqualTo(Map.of("value", -3L));
        assertThat(kind.reducer().reduce(Map.of("combine", "max"), outputs)).isEqualTo(Map.of("value", 9L));
        long big = (1L << 53) - 1;
        assertThat(kind.reducer().reduce(Map.of("combine", "max"), List.of(Map.of("value", big))))
                .isEqualTo(Map.of("value", big));
        assertThatThrownBy(() -> kind.reducer()
                        .reduce(Map.of("combine", "sum"), List.of(Map.of("value", big), Map.of("value", 1L))))
                .hasMessageContaining("2^53");
    }

    private String problem(Map<String, Object> spec) {
        List<FieldError> errors = kind.validate(spec);
        assertThat(fields(errors)).containsExactly("input.module");
        return errors.get(0).message();
    }

    private static Map<String, Object> spec(String module, String function, String combine) {
        return Map.of("module", module, "function", function, "from", -50, "to", 1_000, "combine", combine);
    }

    private static String base64(String hex) {
        return Base64.getEncoder().encodeToString(HexFormat.of().parseHex(hex));
    }
}
