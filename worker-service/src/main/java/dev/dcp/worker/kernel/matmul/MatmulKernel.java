package dev.dcp.worker.kernel.matmul;

import dev.dcp.common.event.Kind;
import dev.dcp.common.metering.WorkCount;
import dev.dcp.worker.kernel.Answer;
import dev.dcp.worker.kernel.Kernel;
import dev.dcp.worker.kernel.SubtaskInput;
import java.util.Arrays;
import java.util.Map;

/**
 * Integer matrix product benchmark. The job multiplies two n x n matrices defined by formula,
 * <pre>
 * A[i][j] = (31i + 17j + seed) mod 97,   B[i][j] = (13i + 7j + seed) mod 89   (mathematical mod, seed may be negative)
 * </pre>
 * and each subtask computes the rows [rowFrom, rowTo) of C = A.B. Input {@code {n, seed, rowFrom, rowTo}} with
 * 1 <= n <= 4096 and 0 <= rowFrom < rowTo <= n; output {@code {trace, sum}}, the sums of C[i][i] and of all C[i][j]
 * over the subtask's rows i.
 *
 * <p>Every entry of C is computed genuinely as a sum over k of A[i][k] * B[k][j]. Neither matrix is materialised
 * (at n = 4096, B alone would be 64 MiB): the product runs k-outer over one tile of C at a time, generating the
 * matching pieces of B's rows as it goes, so memory stays at about 80 KiB whatever n is.
 */
public final class MatmulKernel implements Kernel {

    public static final int MAX_N = 4096;

    // 16 x 1024 ints of C is 64 KiB, which stays in L2 through the whole k loop. Measured at n = 4096 on an AVX-512
    // machine, JDK 17: about 30 multiply-adds per ns; tiles of 8 to 32 rows by 512 to 4096 columns were within 15%.
    static final int TILE_ROWS = 16;
    static final int TILE_COLUMNS = 1024;

    /** Four rows of B are used per pass, so each advances by 4 * 13 (mod 89) between passes. */
    private static final int B_ADVANCE = 4 * 13 % 89;

    /** The sums over a block of rows of C. */
    public record RowBlockTotals(long trace, long sum) {}

    @Override
    public Kind kind() {
        return Kind.MATMUL;
    }

    @Override
    public Answer run(Map<String, Object> input) {
        long n = SubtaskInput.integer(input, "n");
        long seed = SubtaskInput.integer(input, "seed");
        long rowFrom = SubtaskInput.integer(input, "rowFrom");
        long rowTo = SubtaskInput.integer(input, "rowTo");
        if (n < 1 || n > MAX_N) {
            throw new IllegalArgumentException("n must be 1 to " + MAX_N + ", got " + n);
        }
        if (rowFrom < 0 || rowFrom >= rowTo || rowTo > n) {
            throw new IllegalArgumentException("need 0 <= rowFrom < rowTo <= n, got [" + rowFrom + ", " + rowTo + ")");
        }
        RowBlockTotals totals = multiplyRows((int) n, seed, (int) rowFrom, (int) rowTo);
        return new Answer(Map.of("trace", totals.trace(), "sum", totals.sum()), WorkCount.matmul(n, rowFrom, rowTo));
    }

    public static RowBlockTotals multiplyRows(int n, long seed, int rowFrom, int rowTo) {
        return multiplyRows(n, seed, rowFrom, rowTo, TILE_ROWS, TILE_COLUMNS);
    }

    /**
     * Tile sizes are a parameter so tests can make tiles smaller than tiny matrices and exercise every tile edge.
     *
     * <p>C's entries are accumulated in ints, which vectorise twice as wide as longs: an entry is at most
     * 96 * 88 * n = 34,603,008 at n = 4096, far below 2^31, so the result is exactly the 64-bit one.
     */
    static RowBlockTotals multiplyRows(int n, long seed, int rowFrom, int rowTo, int tileRows, int tileColumns) {
        int aOffset = (int) Math.floorMod(seed, 97L);
        int bOffset = (int) Math.floorMod(seed, 89L);
        int maxRows = Math.min(tileRows, rowTo - rowFrom);
        int maxColumns = Math.min(tileColumns, n);
        // one int[] per row of the tile: with a shared array and an offset, C2 cannot rule out aliasing between the
        // row and B and refuses to vectorise the inner loop (measured: 2.7 against 16 multiply-adds per ns)
        int[][] c = new int[maxRows][maxColumns];
        int[] b0 = new int[maxColumns];
        int[] b1 = new int[maxColumns];
        int[] b2 = new int[maxColumns];
        int[] b3 = new int[maxColumns];
        long trace = 0;
        long sum = 0;
        for (int row0 = rowFrom; row0 < rowTo; row0 += maxRows) {
            int rows = Math.min(maxRows, rowTo - row0);
            for (int col0 = 0; col0 < n; col0 += maxColumns) {
                int columns = Math.min(maxColumns, n - col0);
                for (int r = 0; r < rows; r++) {
                    Arrays.fill(c[r], 0);
                }
                startRowOfB(b0, 0, col0, columns, bOffset);
                startRowOfB(b1, 1, col0, columns, bOffset);
                startRowOfB(b2, 2, col0, columns, bOffset);
                startRowOfB(b3, 3, col0, columns, bOffset);
                for (int k = 0; k < n; k += 4) {
                    for (int r = 0; r < rows; r++) {
                        int i = row0 + r;
                        // past the last k (n not a multiple of 4) the weight is 0, so B's extra rows add nothing
                        multiplyAdd(
                                c[r],
                                columns,
                                entryOfA(i, k, n, aOffset),
                                b0,
                                entryOfA(i, k + 1, n, aOffset),
                                b1,
                                entryOfA(i, k + 2, n, aOffset),
                                b2,
                                entryOfA(i, k + 3, n, aOffset),
                                b3);
                    }
                    advanceRowOfB(b0, columns);
                    advanceRowOfB(b1, columns);
                    advanceRowOfB(b2, columns);
                    advanceRowOfB(b3, columns);
                }
                for (int r = 0; r < rows; r++) {
                    int diagonal = row0 + r - col0;
                    if (diagonal >= 0 && diagonal < columns) {
                        trace += c[r][diagonal];
                    }
                    for (int j = 0; j < columns; j++) {
                        sum += c[r][j];
                    }
                }
            }
        }
        return new RowBlockTotals(trace, sum);
    }

    /** A[i][k], or 0 for k beyond the matrix. */
    private static int entryOfA(int i, int k, int n, int aOffset) {
        return k < n ? (31 * i + 17 * k + aOffset) % 97 : 0;
    }

    /** Row k of B, columns [col0, col0 + columns). */
    private static void startRowOfB(int[] row, int k, int col0, int columns, int bOffset) {
        for (int j = 0; j < columns; j++) {
            row[j] = (13 * k + 7 * (col0 + j) + bOffset) % 89;
        }
    }

    /** Row k to row k + 4 of B. Branch-free, so the loop vectorises: subtract 89 exactly when the sum reaches it. */
    private static void advanceRowOfB(int[] row, int columns) {
        for (int j = 0; j < columns; j++) {
            int v = row[j] + B_ADVANCE;
            row[j] = v - (89 & ((88 - v) >> 31));
        }
    }

    /** Four k steps per pass over the row of C, which quarters its loads and stores. */
    private static void multiplyAdd(
            int[] c, int columns, int a0, int[] b0, int a1, int[] b1, int a2, int[] b2, int a3, int[] b3) {
        for (int j = 0; j < columns; j++) {
            c[j] += a0 * b0[j] + a1 * b1[j] + a2 * b2[j] + a3 * b3[j];
        }
    }
}
