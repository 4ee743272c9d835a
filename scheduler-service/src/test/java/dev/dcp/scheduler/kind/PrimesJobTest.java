package dev.dcp.scheduler.kind;

import static dev.dcp.scheduler.kind.KindAssertions.SPLITTERS;
import static dev.dcp.scheduler.kind.KindAssertions.assertCovers;
import static dev.dcp.scheduler.kind.KindAssertions.fields;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dcp.scheduler.split.Splitter;
import dev.dcp.scheduler.split.StaticSplitter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrimesJobTest {

    private final PrimesJob kind = new PrimesJob();

    @Test
    void aRangeUpToTenToTheTwelveIsValid() {
        assertThat(kind.validate(Map.of("from", 0, "to", 1_000_000_000_000L))).isEmpty();
    }

    @Test
    void eachBadBoundIsNamed() {
        assertThat(fields(kind.validate(Map.of("from", -1, "to", 1_000_000_000_001L))))
                .containsExactlyInAnyOrder("input.from", "input.to");
        assertThat(fields(kind.validate(Map.of("from", 10, "to", 10)))).containsExactly("input.to");
        assertThat(fields(kind.validate(Map.of()))).containsExactlyInAnyOrder("input.from", "input.to");
    }

    @Test
    void anUnknownFieldBeyondTwoToTheFiftyThreeIsABadField() {
        assertThat(fields(kind.validate(Map.of("from", 0, "to", 10, "tag", Long.MAX_VALUE))))
                .containsExactly("input.tag");
    }

    @Test
    void eachStrategyCoversTheRange() {
        for (Splitter splitter : SPLITTERS) {
            assertCovers(kind.split(Map.of("from", 17, "to", 1_000_017), 9, splitter), "from", "to", 17, 1_000_017);
        }
    }

    @Test
    void withoutAParallelismChunksAreAtMostTwentyMillionNumbers() {
        List<Map<String, Object>> subtasks =
                kind.split(Map.of("from", 0, "to", 100_000_000), null, new StaticSplitter());

        assertThat(subtasks).hasSize(5);
    }

    @Test
    void withoutAParallelismTheBiggestRangeGetsAFewHundredSubtasks() {
        assertThat(kind.split(Map.of("from", 0, "to", 1_000_000_000_000L), null, new StaticSplitter()))
                .hasSize(DefaultParallelism.MAX);
    }
}
