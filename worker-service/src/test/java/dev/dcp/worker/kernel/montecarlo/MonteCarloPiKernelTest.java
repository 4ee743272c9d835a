package dev.dcp.worker.kernel.montecarlo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.dcp.common.event.Kind;
import dev.dcp.common.json.CanonicalJson;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MonteCarloPiKernelTest {

    private final MonteCarloPiKernel kernel = new MonteCarloPiKernel();

    /** The class javadoc's definition, spelled out literally: multiplications, no running state. */
    private static long naiveDraw(long seed, long k) {
        long z = seed + (k + 1) * 0x9E3779B97F4A7C15L;
        z ^= z >>> 30;
        z *= 0xBF58476D1CE4E5B9L;
        z ^= z >>> 27;
        z *= 0x94D049BB133111EBL;
        z ^= z >>> 31;
        return z;
    }

    /** Inside-ness in exact big-integer arithmetic, so an overflow in the kernel could not hide. */
    private static long naiveInside(long seed, long from, long to) {
        BigInteger radiusSquared = BigInteger.ONE.shiftLeft(62);
        long inside = 0;
        for (long i = from; i < to; i++) {
            BigInteger x = BigInteger.valueOf(naiveDraw(seed, 2 * i) >>> 33);
            BigInteger y = BigInteger.valueOf(naiveDraw(seed, 2 * i + 1) >>> 33);
            if (x.multiply(x).add(y.multiply(y)).compareTo(radiusSquared) < 0) {
                inside++;
            }
        }
        return inside;
    }

    private Map<String, Object> run(long seed, long from, long to) {
        return kernel.run(Map.of("seed", seed, "from", from, "to", to)).output();
    }

    private long inside(long seed, long from, long to) {
        return ((Number) run(seed, from, to).get("inside")).longValue();
    }

    @Test
    void isRegisteredUnderItsKind() {
        assertThat(kernel.kind()).isEqualTo(Kind.MONTECARLO_PI);
    }

    @Test
    void reportsTheNumberOfSamplesAndHowManyFellInside() {
        Map<String, Object> output = run(42, 1000, 3000);

        assertThat(output).containsOnlyKeys("samples", "inside");
        assertThat(output.get("samples")).isEqualTo(2000L);
        assertThat(output.get("inside")).isEqualTo(naiveInside(42, 1000, 3000));
    }

    @Test
    void smallRangesAgreeWithTheDefinitionComputedNaively() {
        long[] seeds = {0, 1, -1, 42, Long.MIN_VALUE, Long.MAX_VALUE, 0x9E3779B97F4A7C15L};
        for (long seed : seeds) {
            for (long[] range :
                    new long[][] {{0, 1}, {0, 2}, {1, 2}, {0, 1000}, {999, 2001}, {1L << 40, (1L << 40) + 500}}) {
                assertThat(MonteCarloPiKernel.countInside(seed, range[0], range[1]))
                        .as("seed %d, [%d, %d)", seed, range[0], range[1])
                        .isEqualTo(naiveInside(seed, range[0], range[1]));
            }
        }
    }

    @Test
    void everySingleSampleAgreesWithTheDefinition() {
        for (long i = 0; i < 2000; i++) {
            assertThat(MonteCarloPiKernel.countInside(7, i, i + 1))
                    .as("sample %d", i)
                    .isEqualTo(naiveInside(7, i, i + 1));
        }
    }

    @Test
    void theFinaliserMatchesTheSplitMix64ReferenceOutput() {
        // SplittableRandom(0).nextLong() is mix64(0 + gamma), the same finaliser and gamma: draw(0, 0)
        assertThat(naiveDraw(0, 0)).isEqualTo(new SplittableRandom(0).nextLong());
        assertThat(MonteCarloPiKernel.mix(0x9E3779B97F4A7C15L)).isEqualTo(new SplittableRandom(0).nextLong());
    }

    @Test
    void theSameSeedAndRangeAlwaysGiveTheSameCount() {
        assertThat(run(123, 0, 100_000)).isEqualTo(run(123, 0, 100_000));
        assertThat(new MonteCarloPiKernel()
                        .run(Map.of("seed", 123, "from", 0, "to", 100_000))
                        .output())
                .isEqualTo(run(123, 0, 100_000));
    }

    @Test
    void differentSeedsDrawDifferentPoints() {
        assertThat(inside(1, 0, 100_000)).isNotEqualTo(inside(2, 0, 100_000));
    }

    @Test
    void splittingTheRangeAnywhereGivesTheSameTotalAsOnePiece() {
        long n = 200_000;
        long whole = inside(99, 0, n);
        Random random = new Random(5);
        for (int trial = 0; trial < 20; trial++) {
            long[] cuts = random.longs(random.nextInt(6) + 1, 1, n)
                    .sorted()
                    .distinct()
                    .toArray();
            long total = 0;
            long from = 0;
            for (long cut : cuts) {
                total += inside(99, from, cut);
                from = cut;
            }
            total += inside(99, from, n);

            assertThat(total).as("cuts %s", Arrays.toString(cuts)).isEqualTo(whole);
        }
    }

    @Test
    void aMillionSamplesEstimatePiToWithinOneHundredth() {
        // the estimate's standard deviation at 10^6 samples is about 0.0016, so 0.01 is six of them
        long samples = 1_000_000;
        double estimate = 4.0 * inside(2024, 0, samples) / samples;

        assertThat(estimate).isCloseTo(Math.PI, within(0.01));
    }

    @Test
    void acceptsBigIntegerAndIntegerInputsAsTheJsonDecoderProducesThem() {
        Map<String, Object> output = kernel.run(Map.of("seed", BigInteger.valueOf(5), "from", 0, "to", 10L))
                .output();

        assertThat(output.get("inside")).isEqualTo(naiveInside(5, 0, 10));
    }

    @Test
    void rejectsEmptyBackwardAndNegativeRanges() {
        assertThatThrownBy(() -> run(1, 5, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> run(1, 6, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> run(1, -1, 5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void acceptsAnySixtyFourBitSeed() {
        Map<String, Object> output =
                kernel.run(Map.of("seed", Long.MIN_VALUE, "from", 0, "to", 100)).output();

        assertThat(output.get("inside")).isEqualTo(naiveInside(Long.MIN_VALUE, 0, 100));
    }

    @Test
    void rejectsMissingFieldsAndSeedsBeyondSixtyFourBits() {
        assertThatThrownBy(() -> kernel.run(Map.of("from", 0, "to", 5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("seed");
        assertThatThrownBy(() -> kernel.run(Map.of("seed", BigInteger.ONE.shiftLeft(64), "from", 0, "to", 5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("seed");
    }

    @Test
    void rejectsMoreSamplesThanJsonCanCountExactly() {
        assertThatThrownBy(() -> run(1, 0, 1L << 53)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theOutputEncodesAsCanonicalJson() {
        long inside = naiveInside(3, 0, 10);

        assertThat(CanonicalJson.encode(run(3, 0, 10))).isEqualTo("{\"inside\":" + inside + ",\"samples\":10}");
    }
}
