package dev.dcp.common.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class ReedSolomonTest {

    @Property(tries = 300)
    void anyKOfTheShardsRebuildEveryShard(
            @ForAll @IntRange(min = 1, max = 10) int k,
            @ForAll @IntRange(min = 0, max = 6) int m,
            @ForAll @IntRange(min = 1, max = 20_000) int length,
            @ForAll long seed) {
        Random random = new Random(seed);
        ReedSolomon coder = new ReedSolomon(k, m);
        byte[][] original = randomDataShards(coder, length, random);
        coder.encodeParity(original, 0, length);

        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < k + m; i++) {
            order.add(i);
        }
        Collections.shuffle(order, random);
        int lost = random.nextInt(m + 1);
        byte[][] damaged = copy(original);
        boolean[] present = new boolean[k + m];
        java.util.Arrays.fill(present, true);
        for (int i = 0; i < lost; i++) {
            int shard = order.get(i);
            present[shard] = false;
            random.nextBytes(damaged[shard]);
        }

        coder.reconstruct(damaged, present, 0, length);

        assertThat(damaged).isDeepEqualTo(original);
    }

    @Property(tries = 100)
    void theDataShardsAreTheDataItself(
            @ForAll @IntRange(min = 1, max = 8) int k, @ForAll @IntRange(min = 1, max = 4) int m, @ForAll long seed) {
        ReedSolomon coder = new ReedSolomon(k, m);
        byte[][] shards = randomDataShards(coder, 777, new Random(seed));
        byte[][] data = copy(shards);
        coder.encodeParity(shards, 0, 777);
        for (int d = 0; d < k; d++) {
            assertThat(shards[d]).isEqualTo(data[d]);
        }
    }

    @Property(tries = 100)
    void parityNoLongerAgreesOnceAByteIsFlipped(
            @ForAll @IntRange(min = 1, max = 8) int k,
            @ForAll @IntRange(min = 1, max = 4) int m,
            @ForAll @IntRange(min = 1, max = 5000) int length,
            @ForAll long seed) {
        Random random = new Random(seed);
        ReedSolomon coder = new ReedSolomon(k, m);
        byte[][] shards = randomDataShards(coder, length, random);
        coder.encodeParity(shards, 0, length);
        assertThat(coder.isParityCorrect(shards, 0, length)).isTrue();

        shards[random.nextInt(k + m)][random.nextInt(length)] ^= (byte) (1 + random.nextInt(255));

        assertThat(coder.isParityCorrect(shards, 0, length)).isFalse();
    }

    @Test
    void onlyTheGivenRangeOfEachShardIsCoded() {
        ReedSolomon coder = new ReedSolomon(3, 2);
        byte[][] shards = randomDataShards(coder, 100, new Random(7));
        shards[3][0] = 42;
        shards[4][99] = 43;
        coder.encodeParity(shards, 10, 50);
        assertThat(shards[3][0]).isEqualTo((byte) 42);
        assertThat(shards[4][99]).isEqualTo((byte) 43);
        assertThat(coder.isParityCorrect(shards, 10, 50)).isTrue();
    }

    @Test
    void fewerThanKShardsAreRefusedRatherThanGuessed() {
        ReedSolomon coder = new ReedSolomon(4, 2);
        byte[][] shards = randomDataShards(coder, 64, new Random(1));
        coder.encodeParity(shards, 0, 64);
        boolean[] present = {true, false, true, false, false, true};

        assertThatThrownBy(() -> coder.reconstruct(shards, present, 0, 64))
                .isInstanceOf(NotEnoughShards.class)
                .hasMessage("3 good shards, 4 needed");
    }

    @Test
    void shardsOfDifferentLengthsAreRefused() {
        ReedSolomon coder = new ReedSolomon(2, 1);
        byte[][] shards = {new byte[8], new byte[8], new byte[9]};
        assertThatThrownBy(() -> coder.encodeParity(shards, 0, 8))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("differ in length");
    }

    @Test
    void moreThan256ShardsCannotBeCoded() {
        assertThatThrownBy(() -> new ReedSolomon(200, 57)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new ReedSolomon(200, 56).totalShards()).isEqualTo(256);
    }

    private static byte[][] randomDataShards(ReedSolomon coder, int length, Random random) {
        byte[][] shards = new byte[coder.totalShards()][length];
        for (int d = 0; d < coder.dataShards(); d++) {
            random.nextBytes(shards[d]);
        }
        return shards;
    }

    private static byte[][] copy(byte[][] shards) {
        byte[][] out = new byte[shards.length][];
        for (int i = 0; i < shards.length; i++) {
            out[i] = shards[i].clone();
        }
        return out;
    }
}
