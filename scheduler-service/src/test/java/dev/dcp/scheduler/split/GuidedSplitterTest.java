package dev.dcp.scheduler.split;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GuidedSplitterTest extends SplitterContract {

    @Override
    Splitter splitter() {
        return new GuidedSplitter();
    }

    @Test
    void chunksShrinkLinearlyFromFourTimesTheLast() {
        assertThat(sizes(splitter().split(new Range(0, 100), 4))).containsExactly(40, 30, 20, 10);
    }

    @Test
    void twoChunksAreFourToOne() {
        assertThat(splitter().split(new Range(1000, 1500), 2))
                .containsExactly(new Range(1000, 1400), new Range(1400, 1500));
    }

    @Test
    void largeRangeStartsAtAboutFourTimesTheLastChunkAndFallsByEqualSteps() {
        long[] sizes = sizes(splitter().split(new Range(0, 1_000_000_000_000L), 200));

        assertThat((double) sizes[0] / sizes[sizes.length - 1]).isCloseTo(4.0, within(0.001));
        // weights 796, 793, ..., 199 (sum 99,500): each chunk 3/99,500 of the range smaller, give or take rounding
        double step = 3e12 / 99_500;
        for (int i = 1; i < sizes.length; i++) {
            assertThat((double) (sizes[i - 1] - sizes[i]))
                    .as("step from chunk %d", i - 1)
                    .isCloseTo(step, within(2.0));
        }
    }

    @Test
    void randomSplitsNeverGrowFromOneChunkToTheNext() {
        Random random = new Random(7);
        for (int i = 0; i < 3000; i++) {
            long from = (long) (random.nextDouble() * 1e12);
            long size = 1 + (random.nextBoolean() ? random.nextInt(20_000) : (long) (random.nextDouble() * 1e12));
            int parts = 1 + random.nextInt(3000);
            Range range = new Range(from, from + size);

            long[] sizes = sizes(splitter().split(range, parts));

            for (int k = 1; k < sizes.length; k++) {
                assertThat(sizes[k]).as("%s into %d: chunk %d", range, parts, k).isLessThanOrEqualTo(sizes[k - 1]);
            }
        }
    }

    @Test
    void barelyMoreUnitsThanChunksStillGivesEveryChunkOneAndTheExtraToTheFirst() {
        // the last weights would round to nothing, so each chunk gets one unit first
        List<Range> chunks = splitter().split(new Range(0, 12), 10);

        assertThat(sizes(chunks)).containsExactly(2, 2, 1, 1, 1, 1, 1, 1, 1, 1);
    }
}
