package dev.dcp.scheduler.kind;

import static dev.dcp.scheduler.kind.KindAssertions.SPLITTERS;
import static dev.dcp.scheduler.kind.KindAssertions.assertCovers;
import static dev.dcp.scheduler.kind.KindAssertions.fields;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dcp.scheduler.split.Splitter;
import dev.dcp.scheduler.split.StaticSplitter;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MonteCarloPiJobTest {

    private final MonteCarloPiJob kind = new MonteCarloPiJob();

    @Test
    void samplesFromOneToTenToTheTwelveWithAnyIntegerSeedAreValid() {
        assertThat(kind.validate(Map.of("samples", 1, "seed", -5))).isEmpty();
        assertThat(kind.validate(Map.of("samples", 1_000_000_000_000L, "seed", (1L << 53) - 1)))
                .isEmpty();
    }

    @Test
    void samplesOutOfBoundsAreNamed() {
        assertThat(fields(kind.validate(Map.of("samples", 0, "seed", 1)))).containsExactly("input.samples");
        assertThat(fields(kind.validate(Map.of("samples", 1_000_000_000_001L, "seed", 1))))
                .containsExactly("input.samples");
    }

    @Test
    void aSeedBeyondTwoToTheFiftyThreeIsNamed() {
        assertThat(fields(kind.validate(Map.of("samples", 10, "seed", 1L << 53))))
                .containsExactly("input.seed");
        assertThat(fields(kind.validate(Map.of("samples", 10, "seed", BigInteger.TEN.pow(25)))))
                .containsExactly("input.seed");
    }

    @Test
    void everyMissingOrMistypedFieldIsNamed() {
        assertThat(fields(kind.validate(Map.of()))).containsExactlyInAnyOrder("input.samples", "input.seed");
        assertThat(fields(kind.validate(Map.of("samples", "many", "seed", 0.5))))
                .containsExactlyInAnyOrder("input.samples", "input.seed");
    }

    @Test
    void eachStrategyCoversTheSampleIndicesAndPassesTheSeed() {
        for (Splitter splitter : SPLITTERS) {
            List<Map<String, Object>> subtasks = kind.split(Map.of("samples", 1_000_003, "seed", 42), 7, splitter);

            assertCovers(subtasks, "from", "to", 0, 1_000_003);
            assertThat(subtasks).extracting(s -> s.get("seed")).containsOnly(42L);
            assertThat(subtasks.get(0).keySet()).containsExactlyInAnyOrder("seed", "from", "to");
        }
    }

    @Test
    void withoutAParallelismChunksAreAboutFiftyMillionSamples() {
        assertThat(kind.split(Map.of("samples", 500_000_000, "seed", 1), null, new StaticSplitter()))
                .hasSize(10);
        assertThat(kind.split(Map.of("samples", 10, "seed", 1), null, new StaticSplitter()))
                .hasSize(1);
        assertThat(kind.split(Map.of("samples", 1_000_000_000_000L, "seed", 1), null, new StaticSplitter()))
                .hasSize(DefaultParallelism.MAX);
    }
}
