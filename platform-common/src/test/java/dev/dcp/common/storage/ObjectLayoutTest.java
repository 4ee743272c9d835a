package dev.dcp.common.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class ObjectLayoutTest {

    @Property
    void segmentsTileTheObjectWithoutGapOrOverlap(
            @ForAll @LongRange(max = 50_000_000L) long size,
            @ForAll @IntRange(min = 1_000, max = 5_000_000) int segmentSize) {
        ObjectLayout layout = new ObjectLayout(size, segmentSize, 2, 1);
        long covered = 0;
        for (int s = 0; s < layout.segments(); s++) {
            assertThat(layout.segmentOffset(s)).isEqualTo(covered);
            assertThat(layout.segmentLength(s)).isBetween(1, segmentSize);
            covered += layout.segmentLength(s);
        }
        assertThat(covered).isEqualTo(size);
        if (size > 0) {
            assertThat(layout.segmentOf(size - 1)).isEqualTo(layout.segments() - 1);
            assertThat(layout.segmentOf(0)).isZero();
        }
    }

    @Property
    void kShardsHoldASealedSegmentWithLessThanOneShardOfPadding(
            @ForAll @IntRange(min = 1, max = 100_000) int size, @ForAll @IntRange(min = 1, max = 16) int k) {
        ObjectLayout layout = new ObjectLayout(size, 1 << 20, k, 2);
        int shard = layout.shardLength(0);
        assertThat((long) shard * k).isGreaterThanOrEqualTo(layout.sealedLength(0));
        assertThat((long) (shard - 1) * k).isLessThan(layout.sealedLength(0));
    }

    @Test
    void anEmptyObjectHasNoSegmentsAndTakesNoSpace() {
        ObjectLayout layout = new ObjectLayout(0, ObjectLayout.DEFAULT_SEGMENT_SIZE, 2, 1);
        assertThat(layout.segments()).isZero();
        assertThat(layout.storedBytes()).isZero();
    }

    @Test
    void storedBytesGrowBySizeTimesKPlusMOverK() {
        ObjectLayout layout =
                new ObjectLayout(10L * ObjectLayout.DEFAULT_SEGMENT_SIZE, ObjectLayout.DEFAULT_SEGMENT_SIZE, 4, 2);
        assertThat(layout.storedBytes()).isEqualTo(10L * 6 * ((ObjectLayout.DEFAULT_SEGMENT_SIZE + 64 * 16 + 3) / 4));
    }

    @Test
    void impossibleCodesAreRefused() {
        assertThatThrownBy(() -> new ObjectLayout(1, 1, 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ObjectLayout(-1, 1, 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ObjectLayout(1, 1, 1, 1).segmentOf(1))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }
}
