package dev.dcp.worker.kernel.matmul;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dcp.common.event.Kind;
import dev.dcp.common.json.CanonicalJson;
import dev.dcp.worker.kernel.matmul.MatmulKernel.RowBlockTotals;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MatmulKernelTest {

    private static final long[] SEEDS = {
        0, 1, 5, 96, 97, 98, -1, -97, -1234567, 1L << 40, Long.MIN_VALUE, Long.MAX_VALUE
    };

    private final MatmulKernel kernel = new MatmulKernel();

    private static long a(long i, long j, long seed) {
        return Math.floorMod(31 * i + 17 * j + Math.floorMod(seed, 97L), 97L);
    }

    private static long b(long i, long j, long seed) {
        return Math.floorMod(13 * i + 7 * j + Math.floorMod(seed, 89L), 89L);
    }

    /** The textbook triple loop over materialised matrices, in longs. */
    private static RowBlockTotals naive(int n, long seed, int rowFrom, int rowTo) {
        long[][] a = new long[n][n];
        long[][] b = new long[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                a[i][j] = a(i, j, seed);
                b[i][j] = b(i, j, seed);
            }
        }
        long trace = 0;
        long sum = 0;
        for (int i = rowFrom; i < rowTo; i++) {
            for (int j = 0; j < n; j++) {
                long c = 0;
                for (int k = 0; k < n; k++) {
                    c += a[i][k] * b[k][j];
                }
                sum += c;
                if (i == j) {
                    trace += c;
                }
            }
        }
        return new RowBlockTotals(trace, sum);
    }

    private Map<String, Object> run(long n, long seed, long rowFrom, long rowTo) {
        return kernel.run(Map.of("n", n, "seed", seed, "rowFrom", rowFrom, "rowTo", rowTo))
                .output();
    }

    @Test
    void isRegisteredUnderItsKind() {
        assertThat(kernel.kind()).isEqualTo(Kind.MATMUL);
    }

    @Test
    void theMatricesFollowTheMathematicalModEvenForNegativeSeeds() {
        // the test's own reference must get this right: -1 mod 97 is 96, not -1
        assertThat(a(0, 0, -1)).isEqualTo(96);
        assertThat(b(0, 0, -1)).isEqualTo(88);
        assertThat(a(2, 3, -200)).isEqualTo(Math.floorMod(62 + 51 - 200, 97));
        assertThat(a(1, 1, Long.MIN_VALUE))
                .isEqualTo(BigInteger.valueOf(48)
                        .add(BigInteger.valueOf(Long.MIN_VALUE))
                        .mod(BigInteger.valueOf(97))
                        .longValue());
    }

    @Test
    void aOneByOneProductIsTheProductOfTheTwoEntries() {
        // n = 1, seed 100: A = 100 mod 97 = 3, B = 100 mod 89 = 11, C = 33
        assertThat(run(1, 100, 0, 1)).isEqualTo(Map.of("trace", 33L, "sum", 33L));
    }

    @Test
    void aTwoByTwoProductMatchesTheHandComputation() {
        // seed 0: A = [[0, 17], [31, 48]], B = [[0, 7], [13, 20]]
        // C = [[17*13, 17*20], [48*13, 31*7 + 48*20]] = [[221, 340], [624, 1177]]
        assertThat(run(2, 0, 0, 2)).isEqualTo(Map.of("trace", 221L + 1177L, "sum", 221L + 340 + 624 + 1177));
        assertThat(run(2, 0, 1, 2)).isEqualTo(Map.of("trace", 1177L, "sum", 624L + 1177));
    }

    @ParameterizedTest(name = "n = {0}")
    @CsvSource({"1", "2", "3", "4", "5", "7", "8", "33"})
    void everyRowRangeOfSmallMatricesAgreesWithTheNaiveTripleLoop(int n) {
        for (long seed : SEEDS) {
            for (int from = 0; from < n; from++) {
                for (int to = from + 1; to <= n; to++) {
                    assertThat(MatmulKernel.multiplyRows(n, seed, from, to))
                            .as("seed %d, rows [%d, %d)", seed, from, to)
                            .isEqualTo(naive(n, seed, from, to));
                }
            }
        }
    }

    @Test
    void tilesSmallerThanTheMatrixGiveTheSameAnswerAtEveryTileEdge() {
        // tiny tiles make n = 33 span several tiles each way, with ragged last tiles and the diagonal crossing them
        int n = 33;
        for (int[] tile : new int[][] {{1, 1}, {1, 33}, {2, 3}, {3, 5}, {4, 8}, {5, 7}, {16, 32}, {33, 33}, {40, 40}}) {
            for (long seed : new long[] {3, -11}) {
                for (int[] rows : new int[][] {{0, 33}, {0, 1}, {32, 33}, {4, 19}, {7, 8}}) {
                    assertThat(MatmulKernel.multiplyRows(n, seed, rows[0], rows[1], tile[0], tile[1]))
                            .as("tile %dx%d, seed %d, rows [%d, %d)", tile[0], tile[1], seed, rows[0], rows[1])
                            .isEqualTo(naive(n, seed, rows[0], rows[1]));
                }
            }
        }
    }

    @Test
    void blocksOfRowsSumToTheWholeMatrix() {
        int n = 150;
        long seed = -42;
        RowBlockTotals whole = MatmulKernel.multiplyRows(n, seed, 0, n);
        Random random = new Random(3);
        for (int trial = 0; trial < 10; trial++) {
            int[] cuts =
                    random.ints(random.nextInt(5) + 1, 1, n).sorted().distinct().toArray();
            long trace = 0;
            long sum = 0;
            int from = 0;
            for (int i = 0; i <= cuts.length; i++) {
                int to = i < cuts.length ? cuts[i] : n;
                RowBlockTotals block = MatmulKernel.multiplyRows(n, seed, from, to);
                trace += block.trace();
                sum += block.sum();
                from = to;
            }

            assertThat(new RowBlockTotals(trace, sum))
                    .as("cuts %s", Arrays.toString(cuts))
                    .isEqualTo(whole);
        }
    }

    @Test
    void aLargerMatrixAgreesWithTheClosedFormsForTraceAndSum() {
        // sum of C = sum_k (column k of A summed) * (row k of B summed); trace = sum_i sum_k A[i][k] * B[k][i]
        int n = 300;
        for (long seed : new long[] {7, -500}) {
            long sum = 0;
            long trace = 0;
            for (int k = 0; k < n; k++) {
                long columnOfA = 0;
                long rowOfB = 0;
                for (int i = 0; i < n; i++) {
                    columnOfA += a(i, k, seed);
                    rowOfB += b(k, i, seed);
                    trace += a(i, k, seed) * b(k, i, seed);
                }
                sum += columnOfA * rowOfB;
            }

            assertThat(run(n, seed, 0, n)).as("seed %d", seed).isEqualTo(Map.of("trace", trace, "sum", sum));
        }
    }

    @Test
    void theLargestMatrixKeepsEveryTotalExactInJson() {
        // one row of the largest matrix, checked against the closed form per entry of that row
        int n = MatmulKernel.MAX_N;
        long seed = 11;
        int i = n - 1;
        long trace = 0;
        long sum = 0;
        for (int k = 0; k < n; k++) {
            long rowOfB = 0;
            for (int j = 0; j < n; j++) {
                rowOfB += b(k, j, seed);
            }
            sum += a(i, k, seed) * rowOfB;
            trace += a(i, k, seed) * b(k, i, seed);
        }

        assertThat(MatmulKernel.multiplyRows(n, seed, i, n)).isEqualTo(new RowBlockTotals(trace, sum));
    }

    @Test
    void theIntAccumulatorCannotOverflowAtTheLargestN() {
        // every entry of C is at most 96 * 88 * n; worst-case whole-matrix sum must also stay within 2^53
        assertThat(96L * 88 * MatmulKernel.MAX_N).isLessThan(Integer.MAX_VALUE);
        assertThat(96L * 88 * MatmulKernel.MAX_N * MatmulKernel.MAX_N * MatmulKernel.MAX_N)
                .isLessThan(1L << 53);
    }

    @Test
    void rejectsSizesOutsideOneToMaxN() {
        assertThatThrownBy(() -> run(0, 1, 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> run(4097, 1, 0, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsRowRangesThatAreEmptyBackwardOrOutsideTheMatrix() {
        assertThatThrownBy(() -> run(10, 1, 3, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> run(10, 1, 4, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> run(10, 1, -1, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> run(10, 1, 0, 11)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theOutputEncodesAsCanonicalJson() {
        assertThat(CanonicalJson.encode(run(2, 0, 0, 2))).isEqualTo("{\"sum\":2362,\"trace\":1398}");
    }
}
