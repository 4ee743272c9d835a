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

class MatmulJobTest {

    private final MatmulJob kind = new MatmulJob();

    @Test
    void sizesOneTo4096AreValid() {
        assertThat(kind.validate(Map.of("n", 1, "seed", 0))).isEmpty();
        assertThat(kind.validate(Map.of("n", 4096, "seed", -7))).isEmpty();
    }

    @Test
    void sizesOutsideOneTo4096AreNamed() {
        assertThat(fields(kind.validate(Map.of("n", 0, "seed", 0)))).containsExactly("input.n");
        assertThat(fields(kind.validate(Map.of("n", 4097, "seed", 0)))).containsExactly("input.n");
    }

    @Test
    void eachMissingOrUnsafeFieldIsNamed() {
        assertThat(fields(kind.validate(Map.of()))).containsExactlyInAnyOrder("input.n", "input.seed");
        assertThat(fields(kind.validate(Map.of("n", 5, "seed", -(1L << 53))))).containsExactly("input.seed");
    }

    @Test
    void eachStrategyCoversTheRowsAndRepeatsSizeAndSeed() {
        for (Splitter splitter : SPLITTERS) {
            List<Map<String, Object>> subtasks = kind.split(Map.of("n", 1000, "seed", 3), 12, splitter);

            assertCovers(subtasks, "rowFrom", "rowTo", 0, 1000);
            assertThat(subtasks).extracting(s -> s.get("n")).containsOnly(1000L);
            assertThat(subtasks).extracting(s -> s.get("seed")).containsOnly(3L);
        }
    }

    @Test
    void moreParallelismThanRowsGivesOneRowEach() {
        assertThat(kind.split(Map.of("n", 3, "seed", 3), 10, new StaticSplitter()))
                .hasSize(3);
    }

    @Test
    void withoutAParallelismEachSubtaskHasAboutTwoToTheTwentyEightMultiplyAdds() {
        // 2^28 / 4096^2 = 16 rows each; 2^28 / 1024^2 = 256 rows each; a 100x100 product is one subtask
        assertThat(kind.split(Map.of("n", 4096, "seed", 0), null, new StaticSplitter()))
                .hasSize(256);
        assertThat(kind.split(Map.of("n", 1024, "seed", 0), null, new StaticSplitter()))
                .hasSize(4);
        assertThat(kind.split(Map.of("n", 100, "seed", 0), null, new StaticSplitter()))
                .hasSize(1);
    }
}
