package dev.dcp.common.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class SegmentCipherTest {

    private final SegmentCipher cipher = new SegmentCipher(PlatformKey.newObjectKey());

    @Property(tries = 50)
    void whatIsSealedOpensToItself(@ForAll @IntRange(min = 1, max = 300_000) int length, @ForAll long seed) {
        byte[] plain = new byte[length];
        new Random(seed).nextBytes(plain);
        byte[] sealed = cipher.seal(3, plain, 0, length);
        assertThat(sealed).hasSize(SegmentCipher.sealedLength(length));
        assertThat(cipher.open(3, sealed, 0, sealed.length)).isEqualTo(plain);
    }

    @Test
    void eachBlockCarriesItsOwnTag() {
        assertThat(SegmentCipher.sealedLength(1)).isEqualTo(17);
        assertThat(SegmentCipher.sealedLength(SegmentCipher.BLOCK_BYTES)).isEqualTo(SegmentCipher.BLOCK_BYTES + 16);
        assertThat(SegmentCipher.sealedLength(SegmentCipher.BLOCK_BYTES + 1))
                .isEqualTo(SegmentCipher.BLOCK_BYTES + 1 + 32);
    }

    @Test
    void aFlippedByteInAnyBlockIsCaught() {
        byte[] plain = new byte[3 * SegmentCipher.BLOCK_BYTES];
        byte[] sealed = cipher.seal(0, plain, 0, plain.length);
        sealed[2 * (SegmentCipher.BLOCK_BYTES + 16) + 7] ^= 1;
        assertThatThrownBy(() -> cipher.open(0, sealed, 0, sealed.length))
                .isInstanceOf(SegmentCipher.SegmentTampered.class);
    }

    @Test
    void swappedOrTruncatedBlocksAreCaught() {
        byte[] plain = new byte[2 * SegmentCipher.BLOCK_BYTES];
        new Random(9).nextBytes(plain);
        byte[] sealed = cipher.seal(0, plain, 0, plain.length);
        int block = SegmentCipher.BLOCK_BYTES + 16;
        byte[] swapped = new byte[sealed.length];
        System.arraycopy(sealed, block, swapped, 0, block);
        System.arraycopy(sealed, 0, swapped, block, block);
        assertThatThrownBy(() -> cipher.open(0, swapped, 0, swapped.length))
                .isInstanceOf(SegmentCipher.SegmentTampered.class);
        byte[] truncated = Arrays.copyOf(sealed, block);
        // a whole block less is a valid length, but block 0 alone is not the segment: the lengths were recorded
        assertThat(cipher.open(0, truncated, 0, truncated.length)).hasSize(SegmentCipher.BLOCK_BYTES);
        assertThatThrownBy(() -> cipher.open(0, sealed, 0, block + 10))
                .isInstanceOf(SegmentCipher.SegmentTampered.class);
    }
}
