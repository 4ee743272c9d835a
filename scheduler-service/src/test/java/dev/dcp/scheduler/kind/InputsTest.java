package dev.dcp.scheduler.kind;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dcp.common.json.CanonicalJson;
import dev.dcp.common.json.Json;
import dev.dcp.common.web.ProblemException.FieldError;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InputsTest {

    private static final long MAX_SAFE = CanonicalJson.MAX_SAFE_INTEGER;

    private final List<FieldError> errors = new ArrayList<>();

    private static Map<String, Object> input(String field, Object value) {
        Map<String, Object> input = new HashMap<>();
        input.put(field, value);
        return input;
    }

    @Test
    void integersUpToTwoToTheFiftyThreeMinusOneAreRead() {
        assertThat(Inputs.integer(input("x", MAX_SAFE), "x", errors)).isEqualTo(MAX_SAFE);
        assertThat(Inputs.integer(input("x", -MAX_SAFE), "x", errors)).isEqualTo(-MAX_SAFE);
        assertThat(errors).isEmpty();
    }

    @Test
    void integersBeyondTwoToTheFiftyThreeMinusOneAreRefusedByName() {
        for (Object v :
                List.of(MAX_SAFE + 1, -MAX_SAFE - 1, Long.MAX_VALUE, BigInteger.TEN.pow(30), new BigDecimal("1E20"))) {
            errors.clear();

            assertThat(Inputs.integer(input("x", v), "x", errors)).as("%s", v).isNull();
            assertThat(errors).as("%s", v).containsExactly(new FieldError("input.x", Inputs.OUT_OF_SAFE_RANGE));
        }
    }

    @Test
    void aNumberWithAZeroFractionIsAnInteger() {
        assertThat(Inputs.integer(input("x", 5.0), "x", errors)).isEqualTo(5L);
        assertThat(Inputs.integer(input("x", new BigDecimal("1.2E3")), "x", errors))
                .isEqualTo(1200L);
        assertThat(errors).isEmpty();
    }

    @Test
    void fractionsStringsAndBooleansAreNotIntegers() {
        for (Object v : List.of(1.5, new BigDecimal("0.1"), "7", true, List.of(1), Double.NaN)) {
            errors.clear();

            assertThat(Inputs.integer(input("x", v), "x", errors)).as("%s", v).isNull();
            assertThat(errors).as("%s", v).containsExactly(new FieldError("input.x", "must be an integer"));
        }
    }

    @Test
    void aMissingFieldIsRequired() {
        Inputs.integer(Map.of(), "x", errors);
        Inputs.string(Map.of(), "y", errors);

        assertThat(errors)
                .containsExactly(new FieldError("input.x", "is required"), new FieldError("input.y", "is required"));
    }

    @Test
    void aStringWithALoneSurrogateIsRefused() {
        assertThat(Inputs.string(input("s", "ok \uD83D"), "s", errors)).isNull();
        assertThat(Inputs.string(input("s", "\uDE00 ok"), "s", errors)).isNull();
        assertThat(Inputs.string(input("s", "ok \uD83D\uDE00"), "s", errors)).isEqualTo("ok \uD83D\uDE00");

        assertThat(errors)
                .containsExactly(
                        new FieldError("input.s", Inputs.LONE_SURROGATE),
                        new FieldError("input.s", Inputs.LONE_SURROGATE));
    }

    @Test
    void unknownFieldsThatCanonicalJsonCanWriteAreTolerated() {
        Map<String, Object> input = Map.of(
                "from",
                1,
                "note",
                "hi \uD83D\uDE00",
                "extra",
                Map.of("list", List.of(1, 2.5, MAX_SAFE, true), "nothing", List.of()));

        Inputs.othersHashable(input, Set.of("from"), errors);

        assertThat(errors).isEmpty();
        assertThat(CanonicalJson.encode(input)).isNotEmpty();
    }

    @Test
    void unknownFieldsThatCanonicalJsonWouldRefuseAreNamedAtTheirPath() {
        Map<String, Object> input = new HashMap<>();
        input.put("big", BigInteger.TWO.pow(53));
        input.put("deep", Map.of("list", List.of(1, Map.of("s", "\uD800"))));
        input.put("huge", new BigDecimal("1E400"));
        input.put("known", Long.MAX_VALUE);

        Inputs.othersHashable(input, Set.of("known"), errors);

        assertThat(errors)
                .containsExactlyInAnyOrder(
                        new FieldError("input.big", Inputs.OUT_OF_SAFE_RANGE),
                        new FieldError("input.deep.list[1].s", Inputs.LONE_SURROGATE),
                        new FieldError("input.huge", Inputs.NOT_FINITE));
    }

    @Test
    void aFieldNameWithALoneSurrogateIsRefused() {
        Inputs.othersHashable(Map.of("bad\uDC00", 1), Set.of(), errors);

        assertThat(errors).extracting(FieldError::field).containsExactly("input");
    }

    @Test
    void theDecoderHandsOverBigIntegersForIntegersBeyondALong() {
        // what the checks above assume of the JSON decoder
        Map<String, Object> input = Json.readMap("{\"a\": 9007199254740992, \"b\": 100000000000000000000}");

        Inputs.othersHashable(input, Set.of(), errors);

        assertThat(errors).extracting(FieldError::field).containsExactlyInAnyOrder("input.a", "input.b");
    }
}
