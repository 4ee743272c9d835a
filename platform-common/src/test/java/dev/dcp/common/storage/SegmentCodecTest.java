package dev.dcp.common.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class SegmentCodecTest {

    @Property(tries = 200)
    void aSegmentComesBackFromAnyKOfItsShards(
            @ForAll @IntRange(min = 1, max = 6) int k,
            @ForAll @IntRange(min = 0, max = 3) int m,
            @ForAll @IntRange(min = 1, max = 9000) int size,
            @ForAll long seed) {
        Random random = new Random(seed);
        byte[] content = new byte[size];
        random.nextBytes(content);
        ObjectLayout layout = new ObjectLayout(size, 4096, k, m);
        SegmentCodec codec = new SegmentCodec(layout);
        SegmentCipher cipher = new SegmentCipher(PlatformKey.newObjectKey());

        for (int s = 0; s < layout.segments(); s++) {
            byte[][] shards = codec.encode(s, cipher, content, (int) layout.segmentOffset(s));
            for (int lost = 0; lost < m; lost++) {
                shards[random.nextInt(k + m)] = null;
            }
            byte[] plain = codec.decode(s, cipher, shards);
            assertThat(plain)
                    .isEqualTo(java.util.Arrays.copyOfRange(
                            content, (int) layout.segmentOffset(s), (int) layout.segmentOffset(s) + plain.length));
            assertThat(plain).hasSize(layout.segmentLength(s));
        }
    }

    @Test
    void noShardContainsThePlaintext() {
        byte[] text = "the quick brown fox jumps over the lazy dog ".repeat(200).getBytes(StandardCharsets.UTF_8);
        ObjectLayout layout = new ObjectLayout(text.length, 64 * 1024, 2, 1);
        byte[][] shards = new SegmentCodec(layout).encode(0, new SegmentCipher(PlatformKey.newObjectKey()), text, 0);
        for (byte[] shard : shards) {
            assertThat(new String(shard, StandardCharsets.ISO_8859_1)).doesNotContain("quick brown");
        }
    }

    @Test
    void fewerThanKShardsFailInsteadOfGivingWrongBytes() {
        byte[] content = new byte[5000];
        new Random(3).nextBytes(content);
        ObjectLayout layout = new ObjectLayout(content.length, 8192, 3, 2);
        SegmentCodec codec = new SegmentCodec(layout);
        SegmentCipher cipher = new SegmentCipher(PlatformKey.newObjectKey());
        byte[][] shards = codec.encode(0, cipher, content, 0);
        shards[0] = null;
        shards[2] = null;
        shards[4] = null;

        assertThatThrownBy(() -> codec.decode(0, cipher, shards)).isInstanceOf(NotEnoughShards.class);
    }

    @Test
    void anAlteredShardThatSlipsPastItsRootStillCannotYieldWrongBytes() {
        byte[] content = new byte[5000];
        new Random(4).nextBytes(content);
        ObjectLayout layout = new ObjectLayout(content.length, 8192, 2, 1);
        SegmentCodec codec = new SegmentCodec(layout);
        SegmentCipher cipher = new SegmentCipher(PlatformKey.newObjectKey());
        byte[][] shards = codec.encode(0, cipher, content, 0);
        shards[1][17] ^= 1;

        assertThatThrownBy(() -> codec.decode(0, cipher, shards)).isInstanceOf(SegmentCipher.SegmentTampered.class);
    }

    @Test
    void aSegmentOpensOnlyWithItsObjectsKeyAtItsOwnIndex() {
        byte[] key = PlatformKey.newObjectKey();
        byte[] sealed = new SegmentCipher(key).seal(0, new byte[] {9, 9}, 0, 2);
        SegmentCipher other = new SegmentCipher(PlatformKey.newObjectKey());
        assertThatThrownBy(() -> other.open(0, sealed, 0, sealed.length))
                .isInstanceOf(SegmentCipher.SegmentTampered.class);
        SegmentCipher same = new SegmentCipher(key);
        assertThatThrownBy(() -> same.open(1, sealed, 0, sealed.length))
                .isInstanceOf(SegmentCipher.SegmentTampered.class);
        assertThat(same.open(0, sealed, 0, sealed.length)).containsExactly(9, 9);
    }

    @Test
    void repairRebuildsLostShardsByteForByte() {
        byte[] content = new byte[20_000];
        new Random(5).nextBytes(content);
        ObjectLayout layout = new ObjectLayout(content.length, 32_768, 4, 2);
        SegmentCodec codec = new SegmentCodec(layout);
        byte[][] shards = codec.encode(0, new SegmentCipher(PlatformKey.newObjectKey()), content, 0);
        byte[][] damaged = shards.clone();
        damaged[1] = null;
        damaged[5] = null;

        assertThat(codec.rebuild(0, damaged)).isDeepEqualTo(shards);
    }
}
