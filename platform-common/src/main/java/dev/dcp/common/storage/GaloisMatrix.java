package dev.dcp.common.storage;

/** A small dense matrix over GF(2^8): what the coder needs to build its coding matrix and to invert sub-matrices. */
final class GaloisMatrix {

    private final int rows;
    private final int columns;
    private final int[][] cells;

    GaloisMatrix(int rows, int columns) {
        this.rows = rows;
        this.columns = columns;
        this.cells = new int[rows][columns];
    }

    static GaloisMatrix identity(int size) {
        GaloisMatrix m = new GaloisMatrix(size, size);
        for (int i = 0; i < size; i++) {
            m.cells[i][i] = 1;
        }
        return m;
    }

    /** Row r is (r^0, r^1, ..., r^(columns-1)): any {@code columns} of its rows are linearly independent. */
    static GaloisMatrix vandermonde(int rows, int columns) {
        GaloisMatrix m = new GaloisMatrix(rows, columns);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                m.cells[r][c] = Galois.power(r, c);
            }
        }
        return m;
    }

    int rows() {
        return rows;
    }

    int columns() {
        return columns;
    }

    int get(int r, int c) {
        return cells[r][c];
    }

    GaloisMatrix times(GaloisMatrix right) {
        if (columns != right.rows) {
            throw new IllegalArgumentException(columns + " columns times " + right.rows + " rows");
        }
        GaloisMatrix out = new GaloisMatrix(rows, right.columns);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < right.columns; c++) {
                int sum = 0;
                for (int i = 0; i < columns; i++) {
                    sum ^= Galois.multiply(cells[r][i], right.cells[i][c]);
                }
                out.cells[r][c] = sum;
            }
        }
        return out;
    }

    GaloisMatrix rows(int from, int to) {
        GaloisMatrix out = new GaloisMatrix(to - from, columns);
        for (int r = from; r < to; r++) {
            System.arraycopy(cells[r], 0, out.cells[r - from], 0, columns);
        }
        return out;
    }

    GaloisMatrix pickRows(int[] which) {
        GaloisMatrix out = new GaloisMatrix(which.length, columns);
        for (int i = 0; i < which.length; i++) {
            System.arraycopy(cells[which[i]], 0, out.cells[i], 0, columns);
        }
        return out;
    }

    /** Gauss-Jordan elimination on [this | I]; a singular matrix cannot happen for Vandermonde-derived rows. */
    GaloisMatrix invert() {
        if (rows != columns) {
            throw new IllegalArgumentException("only square matrices invert");
        }
        int n = rows;
        int[][] work = new int[n][2 * n];
        for (int r = 0; r < n; r++) {
            System.arraycopy(cells[r], 0, work[r], 0, n);
            work[r][n + r] = 1;
        }
        for (int col = 0; col < n; col++) {
            int pivot = col;
            while (pivot < n && work[pivot][col] == 0) {
                pivot++;
            }
            if (pivot == n) {
                throw new ArithmeticException("singular matrix");
            }
            int[] swap = work[col];
            work[col] = work[pivot];
            work[pivot] = swap;
            int scale = Galois.divide(1, work[col][col]);
            for (int c = 0; c < 2 * n; c++) {
                work[col][c] = Galois.multiply(work[col][c], scale);
            }
            for (int r = 0; r < n; r++) {
                int factor = work[r][col];
                if (r != col && factor != 0) {
                    for (int c = 0; c < 2 * n; c++) {
                        work[r][c] ^= Galois.multiply(factor, work[col][c]);
                    }
                }
            }
        }
        GaloisMatrix out = new GaloisMatrix(n, n);
        for (int r = 0; r < n; r++) {
            System.arraycopy(work[r], n, out.cells[r], 0, n);
        }
        return out;
    }
}
