package dev.dcp.scheduler.kind;

import static dev.dcp.scheduler.kind.KindAssertions.SPLITTERS;
import static dev.dcp.scheduler.kind.KindAssertions.assertCovers;
import static dev.dcp.scheduler.kind.KindAssertions.fields;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dcp.common.json.CanonicalJson;
import dev.dcp.scheduler.split.Splitter;
import dev.dcp.scheduler.split.StaticSplitter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HashcashJobTest {

    private static final long MAX_SAFE = CanonicalJson.MAX_SAFE_INTEGER;

    private final HashcashJob kind = new HashcashJob();

    private static Map<String, Object> input(String prefix, Object difficulty, Object from, Object to) {
        Map<String, Object> input = new HashMap<>();
        input.put("prefix", prefix);
        input.put("difficulty", difficulty);
        input.put("from", from);
        input.put("to", to);
        return input;
    }

    @Test
    void theWidestInputIsValid() {
        assertThat(kind.validate(input("x".repeat(1024), 64, 0, MAX_SAFE))).isEmpty();
        assertThat(kind.validate(input("", 1, 5, 6))).isEmpty();
    }

    @Test
    void difficultyMustBeOneToSixtyFour() {
        assertThat(fields(kind.validate(input("a", 0, 0, 10)))).containsExactly("input.difficulty");
        assertThat(fields(kind.validate(input("a", 65, 0, 10)))).containsExactly("input.difficulty");
    }

    @Test
    void theNonceRangeMustBeNonNegativeNonEmptyAndBelowTwoToTheFiftyThree() {
        assertThat(fields(kind.validate(input("a", 8, -1, 10)))).containsExactly("input.from");
        assertThat(fields(kind.validate(input("a", 8, 10, 10)))).containsExactly("input.to");
        assertThat(fields(kind.validate(input("a", 8, 0, MAX_SAFE + 1)))).containsExactly("input.to");
    }

    @Test
    void thePrefixMustBeAStringOfAtMost1024Chars() {
        assertThat(fields(kind.validate(input("x".repeat(1025), 8, 0, 10)))).containsExactly("input.prefix");
        Map<String, Object> numeric = input(null, 8, 0, 10);
        numeric.put("prefix", 12);
        assertThat(fields(kind.validate(numeric))).containsExactly("input.prefix");
        assertThat(fields(kind.validate(input("\uD800", 8, 0, 10)))).containsExactly("input.prefix");
    }

    @Test
    void everyBadFieldIsNamedAtOnce() {
        assertThat(fields(kind.validate(input(null, "hard", 2.5, null))))
                .containsExactlyInAnyOrder("input.prefix", "input.difficulty", "input.from", "input.to");
    }

    @Test
    void eachStrategyCoversTheNoncesAndRepeatsPrefixAndDifficulty() {
        for (Splitter splitter : SPLITTERS) {
            List<Map<String, Object>> subtasks = kind.split(input("dcp:", 20, 1000, 5_000_000), 6, splitter);

            assertCovers(subtasks, "from", "to", 1000, 5_000_000);
            assertThat(subtasks).extracting(s -> s.get("prefix")).containsOnly("dcp:");
            assertThat(subtasks)
                    .extracting(s -> ((Number) s.get("difficulty")).intValue())
                    .containsOnly(20);
        }
    }

    @Test
    void theTopOfTheNonceRangeSplitsExactly() {
        assertCovers(
                kind.split(input("p", 8, MAX_SAFE - 1_000_000, MAX_SAFE), 3, SPLITTERS.get(1)),
                "from",
                "to",
                MAX_SAFE - 1_000_000,
                MAX_SAFE);
    }

    @Test
    void withoutAParallelismChunksAreAboutTwoMillionNonces() {
        assertThat(kind.split(input("p", 8, 0, 20_000_000), null, new StaticSplitter()))
                .hasSize(10);
        assertThat(kind.split(input("p", 8, 0, MAX_SAFE), null, new StaticSplitter()))
                .hasSize(DefaultParallelism.MAX);
    }
}
