package dev.dcp.scheduler.split;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StaticSplitterTest {

    /** Every property the splitter promises, for one (range, parallelism). */
    private static void assertWellSplit(Range range, int parallelism, List<Range> chunks) {
        String what = range + " into " + parallelism;
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        long total = 0;
        int firstGapOrOverlap = -1;
        for (int i = 0; i < chunks.size(); i++) {
            Range chunk = chunks.get(i);
            if (i > 0 && chunk.from() != chunks.get(i - 1).to() && firstGapOrOverlap < 0) {
                firstGapOrOverlap = i;
            }
            min = Math.min(min, chunk.size());
            max = Math.max(max, chunk.size());
            total += chunk.size();
        }
        assertThat(chunks).as(what).hasSize((int) Math.min(parallelism, range.size()));
        assertThat(chunks.get(0).from()).as(what).isEqualTo(range.from());
        assertThat(chunks.get(chunks.size() - 1).to()).as(what).isEqualTo(range.to());
        assertThat(firstGapOrOverlap).as("%s: chunk not starting where the previous ended", what).isEqualTo(-1);
        assertThat(min).as("%s: smallest chunk", what).isPositive();
        assertThat(max - min).as("%s: largest minus smallest chunk", what).isLessThanOrEqualTo(1);
        assertThat(total).as(what).isEqualTo(range.size());
    }

    @Test
    void tenSplitThreeWaysGivesTheLargerChunksFirst() {
        assertThat(StaticSplitter.split(new Range(0, 10), 3))
                .containsExactly(new Range(0, 4), new Range(4, 7), new Range(7, 10));
    }

    @Test
    void evenlyDivisibleRangeGivesEqualChunks() {
        assertThat(StaticSplitter.split(new Range(100, 112), 4))
                .containsExactly(new Range(100, 103), new Range(103, 106), new Range(106, 109), new Range(109, 112));
    }

    @Test
    void parallelismOfOneGivesTheWholeRange() {
        assertThat(StaticSplitter.split(new Range(5, 1_000_005), 1)).containsExactly(new Range(5, 1_000_005));
    }

    @Test
    void moreParallelismThanNumbersGivesOneChunkPerNumber() {
        assertThat(StaticSplitter.split(new Range(7, 10), 50))
                .containsExactly(new Range(7, 8), new Range(8, 9), new Range(9, 10));
    }

    @Test
    void singleNumberRangeIsOneChunk() {
        assertThat(StaticSplitter.split(new Range(41, 42), 8)).containsExactly(new Range(41, 42));
    }

    @Test
    void largeRangeUpToTenToTheTwelveSplitsWithoutOverflow() {
        Range range = new Range(0, 1_000_000_000_000L);

        List<Range> chunks = StaticSplitter.split(range, 256);

        assertWellSplit(range, 256, chunks);
        assertThat(chunks.get(0)).isEqualTo(new Range(0, 3_906_250_000L));
    }

    @Test
    void randomRangesAndParallelismsAreSplitContiguouslyExactlyAndEvenly() {
        Random random = new Random(1234);
        for (int i = 0; i < 5000; i++) {
            long from = random.nextInt(4) == 0 ? random.nextInt(10) : (long) (random.nextDouble() * 1e12);
            long size = switch (random.nextInt(3)) {
                case 0 -> 1 + random.nextInt(20);
                case 1 -> 1 + random.nextInt(100_000);
                default -> 1 + (long) (random.nextDouble() * 1e12);
            };
            int parallelism = 1 + (random.nextBoolean() ? random.nextInt(30) : random.nextInt(5000));
            Range range = new Range(from, from + size);

            assertWellSplit(range, parallelism, StaticSplitter.split(range, parallelism));
        }
    }

    @Test
    void rejectsParallelismBelowOne() {
        Range range = new Range(0, 10);

        assertThatThrownBy(() -> StaticSplitter.split(range, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StaticSplitter.split(range, -3)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rangeRejectsFromAfterTo() {
        assertThatThrownBy(() -> new Range(5, 4)).isInstanceOf(IllegalArgumentException.class);
    }
}
