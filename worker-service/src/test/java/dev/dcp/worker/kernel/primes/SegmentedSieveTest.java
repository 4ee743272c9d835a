package dev.dcp.worker.kernel.primes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SegmentedSieveTest {

    private static final int NAIVE_LIMIT = 1_000_000;
    /** naivePrefix[n] = number of primes below n, by trial division. */
    private static int[] naivePrefix;
    /** The primes up to 10^6 by trial division, to test numbers up to 10^12 by trial division. */
    private static long[] smallPrimes;

    private static boolean isPrimeByTrialDivision(long n) {
        if (n < 2) {
            return false;
        }
        for (long d = 2; d * d <= n; d++) {
            if (n % d == 0) {
                return false;
            }
        }
        return true;
    }

    @BeforeAll
    static void countPrimesNaively() {
        naivePrefix = new int[NAIVE_LIMIT + 1];
        List<Long> primes = new ArrayList<>();
        for (int n = 0; n < NAIVE_LIMIT; n++) {
            boolean prime = isPrimeByTrialDivision(n);
            naivePrefix[n + 1] = naivePrefix[n] + (prime ? 1 : 0);
            if (prime) {
                primes.add((long) n);
            }
        }
        smallPrimes = primes.stream().mapToLong(Long::longValue).toArray();
    }

    private static long naiveCount(long from, long to) {
        return (long) naivePrefix[(int) to] - naivePrefix[(int) from];
    }

    /** Trial division by the primes below 10^6, exact for n below 10^12. */
    private static boolean isPrimeBySmallPrimes(long n) {
        if (n < 2) {
            return false;
        }
        for (long p : smallPrimes) {
            if (p * p > n) {
                return true;
            }
            if (n % p == 0) {
                return false;
            }
        }
        // no prime below 10^6 divides n, so any factorisation would need two factors of at least 10^6
        if (n < (long) NAIVE_LIMIT * NAIVE_LIMIT) {
            return true;
        }
        throw new IllegalArgumentException(n + " is beyond the trial divisors");
    }

    @ParameterizedTest(name = "pi({0}) = {1}")
    @CsvSource({
        "10, 4",
        "100, 25",
        "1000, 168",
        "1000000, 78498",
        "10000000, 664579",
        "100000000, 5761455",
    })
    void countsFromZeroMatchThePrimeCountingFunction(long n, long pi) {
        assertThat(SegmentedSieve.count(0, n)).isEqualTo(pi);
    }

    @ParameterizedTest(name = "[{0}, {1}) holds {2}")
    @CsvSource({
        "0, 0, 0",
        "0, 1, 0",
        "0, 2, 0",
        "0, 3, 1",
        "2, 3, 1",
        "3, 3, 0",
        "1, 2, 0",
        "1, 3, 1",
        "2, 4, 2",
        "3, 4, 1",
        "4, 5, 0",
        "4, 6, 1",
        "9, 10, 0",
        "25, 26, 0",
        "29, 30, 1",
        "24, 29, 0",
        "2, 2, 0",
        "100, 100, 0",
    })
    void smallEdgeRangesHoldTheRightNumberOfPrimes(long from, long to, long expected) {
        assertThat(SegmentedSieve.count(from, to)).isEqualTo(expected);
    }

    @Test
    void everySingleNumberRangeBelowAThousandAgreesWithTrialDivision() {
        for (long n = 0; n < 1000; n++) {
            assertThat(SegmentedSieve.count(n, n + 1))
                    .as("[%d, %d)", n, n + 1)
                    .isEqualTo(isPrimeByTrialDivision(n) ? 1 : 0);
        }
    }

    @Test
    void squaresOfPrimesAreNotCounted() {
        long[] squares = {4, 9, 25, 49, 121, 169, 289, 361, 529, 841, 961, 997L * 997, 7919L * 7919};
        for (long square : squares) {
            assertThat(SegmentedSieve.count(square, square + 1))
                    .as("%d", square)
                    .isZero();
        }
    }

    @Test
    void randomRangesBelowAMillionAgreeWithTrialDivision() {
        Random random = new Random(2024);
        for (int i = 0; i < 300; i++) {
            long a = random.nextInt(NAIVE_LIMIT + 1);
            long b = random.nextInt(NAIVE_LIMIT + 1);
            long from = Math.min(a, b);
            long to = Math.max(a, b);

            assertThat(SegmentedSieve.count(from, to)).as("[%d, %d)", from, to).isEqualTo(naiveCount(from, to));
        }
    }

    @Test
    void shortRandomRangesAgreeWithTrialDivision() {
        Random random = new Random(7);
        for (int i = 0; i < 2000; i++) {
            long from = random.nextInt(NAIVE_LIMIT - 1000);
            long to = from + random.nextInt(1000);

            assertThat(SegmentedSieve.count(from, to)).as("[%d, %d)", from, to).isEqualTo(naiveCount(from, to));
        }
    }

    @Test
    void rangesAroundSegmentBoundariesAgreeWithTrialDivision() {
        long span = 2L * SegmentedSieve.SEGMENT_ODDS;
        for (long from : new long[] {0, 1, 2, 3, 4, 5, 1000, 1001}) {
            long lo = Math.max(from, 3) | 1; // where the first segment starts
            for (int segments = 1; segments <= 3; segments++) {
                for (long delta = -3; delta <= 3; delta++) {
                    long to = lo + segments * span + delta;

                    assertThat(SegmentedSieve.count(from, to))
                            .as("[%d, %d)", from, to)
                            .isEqualTo(naiveCount(from, to));
                }
            }
        }
    }

    @Test
    void countIsAdditiveOverRandomSplits() {
        Random random = new Random(99);
        for (int i = 0; i < 200; i++) {
            long a = random.nextInt(3_000_000);
            long c = a + random.nextInt(3_000_000);
            long b = a + (c == a ? 0 : (long) (random.nextDouble() * (c - a)));

            assertThat(SegmentedSieve.count(a, b) + SegmentedSieve.count(b, c))
                    .as("[%d, %d, %d)", a, b, c)
                    .isEqualTo(SegmentedSieve.count(a, c));
        }
    }

    @Test
    void countIsAdditiveWhenTheSplitFallsOnASegmentBoundary() {
        long span = 2L * SegmentedSieve.SEGMENT_ODDS;
        long[] starts = {0, 2, 3, 10, 1_000_001};
        for (long a : starts) {
            long lo = Math.max(a, 3) | 1;
            long c = lo + 3 * span + 17;
            for (int k = 1; k <= 2; k++) {
                for (long delta = -2; delta <= 2; delta++) {
                    long b = lo + k * span + delta;

                    assertThat(SegmentedSieve.count(a, b) + SegmentedSieve.count(b, c))
                            .as("[%d, %d, %d)", a, b, c)
                            .isEqualTo(SegmentedSieve.count(a, c));
                }
            }
        }
    }

    @Test
    void rangeJustBelowTenToTheTwelveAgreesWithTrialDivision() {
        long to = 1_000_000_000_000L;
        long from = to - 100_000;
        long expected = 0;
        for (long n = from; n < to; n++) {
            if (isPrimeBySmallPrimes(n)) {
                expected++;
            }
        }

        assertThat(SegmentedSieve.count(from, to)).isEqualTo(expected);
    }

    @Test
    void largestPrimeBelowTenToTheTwelveIsCountedAlone() {
        // 999999999989 = 10^12 - 11 is prime; nothing between it and 10^12 is
        long p = 999_999_999_989L;
        assertThat(isPrimeBySmallPrimes(p)).isTrue();
        for (long n = p + 1; n < 1_000_000_000_000L; n++) {
            assertThat(isPrimeBySmallPrimes(n)).isFalse();
        }

        assertThat(SegmentedSieve.count(p, p + 1)).isEqualTo(1);
        assertThat(SegmentedSieve.count(p, 1_000_000_000_000L)).isEqualTo(1);
        assertThat(SegmentedSieve.count(p + 1, 1_000_000_000_000L)).isZero();
    }

    @Test
    void oddPrimesUpToALimitIncludeTheLimit() {
        assertThat(SegmentedSieve.oddPrimesUpTo(2)).isEmpty();
        assertThat(SegmentedSieve.oddPrimesUpTo(3)).containsExactly(3);
        assertThat(SegmentedSieve.oddPrimesUpTo(30)).containsExactly(3, 5, 7, 11, 13, 17, 19, 23, 29);
        assertThat(SegmentedSieve.oddPrimesUpTo(1_000_000)).hasSize(78498 - 1);
    }

    @Test
    void rejectsFromAfterTo() {
        assertThatThrownBy(() -> SegmentedSieve.count(10, 9)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsNegativeFrom() {
        assertThatThrownBy(() -> SegmentedSieve.count(-1, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SegmentedSieve.count(-5, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
