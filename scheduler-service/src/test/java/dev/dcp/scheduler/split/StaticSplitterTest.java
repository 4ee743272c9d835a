package dev.dcp.scheduler.split;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StaticSplitterTest extends SplitterContract {

    @Override
    Splitter splitter() {
        return new StaticSplitter();
    }

    @Test
    void tenSplitThreeWaysGivesTheLargerChunksFirst() {
        assertThat(splitter().split(new Range(0, 10), 3))
                .containsExactly(new Range(0, 4), new Range(4, 7), new Range(7, 10));
    }

    @Test
    void evenlyDivisibleRangeGivesEqualChunks() {
        assertThat(splitter().split(new Range(100, 112), 4))
                .containsExactly(new Range(100, 103), new Range(103, 106), new Range(106, 109), new Range(109, 112));
    }

    @Test
    void singleNumberRangeIsOneChunk() {
        assertThat(splitter().split(new Range(41, 42), 8)).containsExactly(new Range(41, 42));
    }

    @Test
    void tenToTheTwelveSplitsIntoEqualChunks() {
        List<Range> chunks = splitter().split(new Range(0, 1_000_000_000_000L), 256);

        assertThat(sizes(chunks)).containsOnly(3_906_250_000L);
    }

    @Test
    void randomRangesAreSplitIntoChunksDifferingByAtMostOne() {
        Random random = new Random(99);
        for (int i = 0; i < 2000; i++) {
            long from = (long) (random.nextDouble() * 1e12);
            long size = 1 + (random.nextBoolean() ? random.nextInt(100_000) : (long) (random.nextDouble() * 1e12));
            int parts = 1 + random.nextInt(5000);
            Range range = new Range(from, from + size);

            long[] sizes = sizes(splitter().split(range, parts));

            assertThat(Arrays.stream(sizes).max().getAsLong()
                            - Arrays.stream(sizes).min().getAsLong())
                    .as("%s into %d: largest minus smallest chunk", range, parts)
                    .isLessThanOrEqualTo(1);
        }
    }

    @Test
    void rangeRejectsFromAfterTo() {
        assertThatThrownBy(() -> new Range(5, 4)).isInstanceOf(IllegalArgumentException.class);
    }
}
