package dev.dcp.scheduler.split;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** What every {@link Splitter} promises; each splitter's test extends this and adds what is its own. */
abstract class SplitterContract {

    abstract Splitter splitter();

    /** Contiguous, in order, covering the range exactly, none empty, as many as asked unless the range is smaller. */
    static void assertCovers(Range range, int parts, List<Range> chunks) {
        String what = range + " into " + parts;
        assertThat(chunks).as(what).hasSize((int) Math.min(parts, range.size()));
        if (range.size() == 0) {
            return;
        }
        assertThat(chunks.get(0).from())
                .as("%s: start of the first chunk", what)
                .isEqualTo(range.from());
        assertThat(chunks.get(chunks.size() - 1).to())
                .as("%s: end of the last chunk", what)
                .isEqualTo(range.to());
        for (int i = 0; i < chunks.size(); i++) {
            assertThat(chunks.get(i).size()).as("%s: size of chunk %d", what, i).isPositive();
            if (i > 0) {
                assertThat(chunks.get(i).from())
                        .as("%s: chunk %d starts where chunk %d ends", what, i, i - 1)
                        .isEqualTo(chunks.get(i - 1).to());
            }
        }
    }

    static long[] sizes(List<Range> chunks) {
        return chunks.stream().mapToLong(Range::size).toArray();
    }

    @Test
    void emptyRangeGivesNoChunks() {
        assertThat(splitter().split(new Range(42, 42), 8)).isEmpty();
    }

    @Test
    void oneChunkIsTheWholeRange() {
        assertThat(splitter().split(new Range(5, 1_000_005), 1)).containsExactly(new Range(5, 1_000_005));
    }

    @Test
    void rangeSmallerThanThePartsGivesOneChunkPerUnit() {
        assertThat(splitter().split(new Range(7, 10), 50))
                .containsExactly(new Range(7, 8), new Range(8, 9), new Range(9, 10));
    }

    @Test
    void rangeAsLargeAsThePartsGivesOneChunkPerUnit() {
        assertThat(sizes(splitter().split(new Range(0, 6), 6))).containsOnly(1L);
    }

    @Test
    void rangesNearTenToTheTwelveAndBeyondSplitWithoutOverflow() {
        for (Range range : List.of(
                new Range(0, 1_000_000_000_000L),
                new Range(999_999_999_000L, 1_000_000_000_000L),
                new Range(0, (1L << 53) - 1),
                new Range(1L << 52, (1L << 53) - 1))) {
            for (int parts : new int[] {1, 2, 7, 256, 10_000}) {
                assertCovers(range, parts, splitter().split(range, parts));
            }
        }
    }

    @Test
    void randomRangesAndPartsAreCoveredExactly() {
        Random random = new Random(1234);
        for (int i = 0; i < 3000; i++) {
            long from = random.nextInt(4) == 0 ? random.nextInt(10) : (long) (random.nextDouble() * 1e12);
            long size = switch (random.nextInt(4)) {
                case 0 -> random.nextInt(20);
                case 1 -> 1 + random.nextInt(100_000);
                case 2 -> 1 + (long) (random.nextDouble() * 1e12);
                default -> 1 + (long) (random.nextDouble() * (1L << 52));
            };
            int parts = 1 + (random.nextBoolean() ? random.nextInt(30) : random.nextInt(5000));
            Range range = new Range(from, from + size);

            assertCovers(range, parts, splitter().split(range, parts));
        }
    }

    @Test
    void rejectsFewerThanOnePart() {
        Range range = new Range(0, 10);

        assertThatThrownBy(() -> splitter().split(range, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> splitter().split(range, -3)).isInstanceOf(IllegalArgumentException.class);
    }
}
