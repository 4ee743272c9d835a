package dev.dcp.scheduler.split;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class WeightedSplitterTest extends SplitterContract {

    @Override
    Splitter splitter() {
        return new WeightedSplitter(List.of(1, 8, 2, 4));
    }

    @Test
    void chunksAreInProportionToTheCapacitiesLargestFirst() {
        assertThat(sizes(new WeightedSplitter(List.of(2, 8, 4, 1)).split(new Range(0, 1500), 4)))
                .containsExactly(800, 400, 200, 100);
    }

    @Test
    void moreChunksThanWorkersDealTheCapacitiesAgain() {
        assertThat(sizes(new WeightedSplitter(List.of(1, 3)).split(new Range(0, 1100), 5)))
                .containsExactly(300, 100, 300, 100, 300);
    }

    @Test
    void fewerChunksThanWorkersUseTheLargestCapacities() {
        assertThat(sizes(new WeightedSplitter(List.of(1, 1, 5, 3)).split(new Range(0, 80), 2)))
                .containsExactly(50, 30);
    }

    @Test
    void roundingGivesTheLeftoverUnitsToTheLargestRemainders() {
        // exact shares 3.5 + 2.1 + 1.4 = 7: 3 + 2 + 1 floors, one unit left, to the .5
        assertThat(sizes(new WeightedSplitter(List.of(5, 3, 2)).split(new Range(0, 7), 3)))
                .containsExactly(4, 2, 1);
    }

    @Test
    void aTinyCapacityStillGetsAChunkOfAtLeastOne() {
        assertThat(sizes(new WeightedSplitter(List.of(1000, 1)).split(new Range(0, 10), 2)))
                .containsExactly(9, 1);
    }

    @Test
    void randomCapacitiesGiveSizesWithinOneOfTheExactShare() {
        Random random = new Random(5);
        for (int i = 0; i < 2000; i++) {
            Integer[] capacities = new Integer[1 + random.nextInt(20)];
            Arrays.setAll(capacities, k -> 1 + random.nextInt(64));
            int parts = 1 + random.nextInt(100);
            long size = parts + (long) (random.nextDouble() * 1e12);
            Range range = new Range(0, size);

            long[] sizes = sizes(new WeightedSplitter(List.of(capacities)).split(range, parts));

            Integer[] sorted = capacities.clone();
            Arrays.sort(sorted, (a, b) -> b - a);
            double weightSum = 0;
            for (int k = 0; k < parts; k++) {
                weightSum += sorted[k % sorted.length];
            }
            for (int k = 0; k < parts; k++) {
                double exact = size * (sorted[k % sorted.length] / weightSum);
                assertThat((double) sizes[k])
                        .as("%s, capacities %s, chunk %d", range, List.of(capacities), k)
                        .isBetween(exact - 1.01, exact + 1.01);
            }
        }
    }

    @Nested
    class WithoutKnownCapacities extends SplitterContract {

        @Override
        Splitter splitter() {
            return new WeightedSplitter(List.of());
        }

        @Test
        void splitsLikeStatic() {
            assertThat(splitter().split(new Range(0, 10), 3))
                    .isEqualTo(new StaticSplitter().split(new Range(0, 10), 3));
        }

        @Test
        void ignoresWorkersWithoutCapacity() {
            assertThat(new WeightedSplitter(List.of(0, 0)).split(new Range(0, 10), 3))
                    .isEqualTo(new StaticSplitter().split(new Range(0, 10), 3));
        }
    }
}
