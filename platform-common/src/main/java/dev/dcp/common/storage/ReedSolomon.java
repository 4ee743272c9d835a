package dev.dcp.common.storage;

/**
 * A systematic Reed-Solomon erasure code over GF(2^8), built the way Backblaze's JavaReedSolomon builds it: a
 * Vandermonde matrix with {@code k + m} rows, multiplied by the inverse of its top {@code k} rows, so the first
 * {@code k} shards are the data itself and any {@code k} of the {@code k + m} shards determine the rest.
 *
 * <p>Shards are equal-length byte arrays; the coder reads and writes {@code [offset, offset + length)} of each.
 * It is stateless after construction and safe to share between threads.
 */
public final class ReedSolomon {

    /** Bytes coded per pass over the shards: small enough that inputs and outputs of a pass stay in cache. */
    private static final int CHUNK = 8 * 1024;

    private final int dataShards;
    private final int parityShards;
    private final GaloisMatrix matrix;
    private final byte[][][] parityRows;

    public ReedSolomon(int dataShards, int parityShards) {
        if (dataShards < 1 || parityShards < 0 || dataShards + parityShards > Galois.FIELD_SIZE) {
            throw new IllegalArgumentException(
                    "need 1 <= k and 0 <= m with k + m <= 256, got k=" + dataShards + " m=" + parityShards);
        }
        this.dataShards = dataShards;
        this.parityShards = parityShards;
        int total = dataShards + parityShards;
        GaloisMatrix vandermonde = GaloisMatrix.vandermonde(total, dataShards);
        this.matrix = vandermonde.times(vandermonde.rows(0, dataShards).invert());
        this.parityRows = multiplicationRows(matrix.rows(dataShards, total));
    }

    public int dataShards() {
        return dataShards;
    }

    public int parityShards() {
        return parityShards;
    }

    public int totalShards() {
        return dataShards + parityShards;
    }

    /** Computes shards {@code k .. k+m-1} from shards {@code 0 .. k-1}. */
    public void encodeParity(byte[][] shards, int offset, int length) {
        checkShards(shards, offset, length, null);
        byte[][] inputs = new byte[dataShards][];
        System.arraycopy(shards, 0, inputs, 0, dataShards);
        byte[][] outputs = new byte[parityShards][];
        System.arraycopy(shards, dataShards, outputs, 0, parityShards);
        code(parityRows, inputs, outputs, offset, length);
    }

    /** Whether the parity shards agree with the data shards: a check that no shard was altered. */
    public boolean isParityCorrect(byte[][] shards, int offset, int length) {
        checkShards(shards, offset, length, null);
        byte[][] inputs = new byte[dataShards][];
        System.arraycopy(shards, 0, inputs, 0, dataShards);
        byte[][] expected = new byte[parityShards][shards[0].length];
        code(parityRows, inputs, expected, offset, length);
        for (int p = 0; p < parityShards; p++) {
            if (!java.util.Arrays.equals(
                    expected[p], offset, offset + length, shards[dataShards + p], offset, offset + length)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Rebuilds every shard not marked present, from any {@code k} present ones. Missing shards must be allocated
     * arrays of the common length; their content is overwritten.
     *
     * @throws NotEnoughShards when fewer than {@code k} shards are present
     */
    public void reconstruct(byte[][] shards, boolean[] present, int offset, int length) {
        checkShards(shards, offset, length, present);
        int have = 0;
        for (boolean p : present) {
            have += p ? 1 : 0;
        }
        if (have == totalShards()) {
            return;
        }
        if (have < dataShards) {
            throw new NotEnoughShards(have, dataShards);
        }
        int[] chosen = new int[dataShards];
        byte[][] inputs = new byte[dataShards][];
        for (int i = 0, n = 0; n < dataShards; i++) {
            if (present[i]) {
                chosen[n] = i;
                inputs[n] = shards[i];
                n++;
            }
        }
        GaloisMatrix decode = matrix.pickRows(chosen).invert();

        int missingData = 0;
        for (int i = 0; i < dataShards; i++) {
            missingData += present[i] ? 0 : 1;
        }
        if (missingData > 0) {
            int[] rows = new int[missingData];
            byte[][] outputs = new byte[missingData][];
            for (int i = 0, n = 0; i < dataShards; i++) {
                if (!present[i]) {
                    rows[n] = i;
                    outputs[n] = shards[i];
                    n++;
                }
            }
            code(multiplicationRows(decode.pickRows(rows)), inputs, outputs, offset, length);
        }

        int missingParity = 0;
        for (int i = dataShards; i < totalShards(); i++) {
            missingParity += present[i] ? 0 : 1;
        }
        if (missingParity > 0) {
            byte[][] data = new byte[dataShards][];
            System.arraycopy(shards, 0, data, 0, dataShards);
            byte[][][] rows = new byte[missingParity][][];
            byte[][] outputs = new byte[missingParity][];
            for (int i = dataShards, n = 0; i < totalShards(); i++) {
                if (!present[i]) {
                    rows[n] = parityRows[i - dataShards];
                    outputs[n] = shards[i];
                    n++;
                }
            }
            code(rows, data, outputs, offset, length);
        }
    }

    /** For each output row, the multiplication-table row of each of its coefficients. */
    private static byte[][][] multiplicationRows(GaloisMatrix m) {
        byte[][][] rows = new byte[m.rows()][m.columns()][];
        for (int r = 0; r < m.rows(); r++) {
            for (int c = 0; c < m.columns(); c++) {
                rows[r][c] = Galois.MULTIPLY[m.get(r, c)];
            }
        }
        return rows;
    }

    /**
     * outputs[r] = sum over c of rows[r][c] * inputs[c], byte by byte, in cache-sized chunks. The inner loops are
     * small methods called once per chunk: the JIT then compiles them fully within the first megabytes, where one
     * loop over a whole shard would run for seconds in its first, slow form (docs/benchmarks.md).
     */
    private static void code(byte[][][] rows, byte[][] inputs, byte[][] outputs, int offset, int length) {
        int end = offset + length;
        for (int start = offset; start < end; start += CHUNK) {
            int stop = Math.min(end, start + CHUNK);
            for (int r = 0; r < outputs.length; r++) {
                byte[][] coefficients = rows[r];
                multiply(coefficients[0], inputs[0], outputs[r], start, stop);
                for (int c = 1; c < inputs.length; c++) {
                    multiplyAdd(coefficients[c], inputs[c], outputs[r], start, stop);
                }
            }
        }
    }

    private static void multiply(byte[] table, byte[] in, byte[] out, int start, int stop) {
        for (int i = start; i < stop; i++) {
            out[i] = table[in[i] & 0xFF];
        }
    }

    private static void multiplyAdd(byte[] table, byte[] in, byte[] out, int start, int stop) {
        for (int i = start; i < stop; i++) {
            out[i] ^= table[in[i] & 0xFF];
        }
    }

    private void checkShards(byte[][] shards, int offset, int length, boolean[] present) {
        if (shards.length != totalShards()) {
            throw new IllegalArgumentException("expected " + totalShards() + " shards, got " + shards.length);
        }
        if (present != null && present.length != shards.length) {
            throw new IllegalArgumentException("present has " + present.length + " flags for " + shards.length);
        }
        int size = -1;
        for (byte[] shard : shards) {
            if (shard == null) {
                throw new IllegalArgumentException("every shard needs an array, missing ones too");
            }
            if (size >= 0 && shard.length != size) {
                throw new IllegalArgumentException("shards differ in length: " + size + " and " + shard.length);
            }
            size = shard.length;
        }
        if (offset < 0 || length < 0 || offset + length > size) {
            throw new IllegalArgumentException("range " + offset + "+" + length + " outside shards of " + size);
        }
    }
}
