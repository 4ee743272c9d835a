package dev.dcp.common.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class GaloisTest {

    @Test
    void twoGeneratesEveryNonZeroElement() {
        Set<Integer> seen = new HashSet<>();
        for (int n = 0; n < 255; n++) {
            seen.add(Galois.power(2, n));
        }
        assertThat(seen).hasSize(255).doesNotContain(0);
    }

    @Property
    void everyNonZeroElementHasAnInverse(@ForAll @IntRange(min = 1, max = 255) int a) {
        assertThat(Galois.multiply(a, Galois.divide(1, a))).isEqualTo(1);
    }

    @Property
    void multiplicationDistributesOverAddition(
            @ForAll @IntRange(max = 255) int a,
            @ForAll @IntRange(max = 255) int b,
            @ForAll @IntRange(max = 255) int c) {
        assertThat(Galois.multiply(a, Galois.add(b, c)))
                .isEqualTo(Galois.add(Galois.multiply(a, b), Galois.multiply(a, c)));
    }

    @Property
    void multiplicationIsCarrylessModuloThePolynomial(
            @ForAll @IntRange(max = 255) int a, @ForAll @IntRange(max = 255) int b) {
        int product = 0;
        for (int bit = 0; bit < 8; bit++) {
            if ((b & (1 << bit)) != 0) {
                product ^= a << bit;
            }
        }
        for (int bit = 15; bit >= 8; bit--) {
            if ((product & (1 << bit)) != 0) {
                product ^= 0x11D << (bit - 8);
            }
        }
        assertThat(Galois.multiply(a, b)).isEqualTo(product);
    }

    @Test
    void aMatrixTimesItsInverseIsTheIdentity() {
        GaloisMatrix v = GaloisMatrix.vandermonde(6, 4).pickRows(new int[] {0, 2, 3, 5});
        GaloisMatrix product = v.times(v.invert());
        GaloisMatrix identity = GaloisMatrix.identity(4);
        for (int r = 0; r < 4; r++) {
            for (int c = 0; c < 4; c++) {
                assertThat(product.get(r, c)).isEqualTo(identity.get(r, c));
            }
        }
    }
}
