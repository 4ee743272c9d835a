package dev.dcp.common.storage;

/**
 * Arithmetic in GF(2^8) with the polynomial x^8 + x^4 + x^3 + x^2 + 1 (0x11D) and generator 2, the field of
 * Backblaze's and most other Reed-Solomon coders. Addition is XOR; multiplication goes through one 64 KiB table so
 * that the coding loop is a load, a load and an XOR per byte.
 */
final class Galois {

    static final int FIELD_SIZE = 256;
    private static final int POLYNOMIAL = 0x11D;

    private static final int[] LOG = new int[FIELD_SIZE];
    private static final int[] EXP = new int[2 * FIELD_SIZE];

    /** {@code MULTIPLY[a][b] = a * b}; a row is the multiplication by one coefficient. */
    static final byte[][] MULTIPLY = new byte[FIELD_SIZE][FIELD_SIZE];

    static {
        int x = 1;
        for (int i = 0; i < FIELD_SIZE - 1; i++) {
            EXP[i] = x;
            LOG[x] = i;
            x <<= 1;
            if (x >= FIELD_SIZE) {
                x ^= POLYNOMIAL;
            }
        }
        for (int i = FIELD_SIZE - 1; i < EXP.length; i++) {
            EXP[i] = EXP[i - (FIELD_SIZE - 1)];
        }
        for (int a = 0; a < FIELD_SIZE; a++) {
            for (int b = 0; b < FIELD_SIZE; b++) {
                MULTIPLY[a][b] = (byte) multiplySlow(a, b);
            }
        }
    }

    private Galois() {}

    static int add(int a, int b) {
        return a ^ b;
    }

    static int multiply(int a, int b) {
        return MULTIPLY[a][b] & 0xFF;
    }

    private static int multiplySlow(int a, int b) {
        if (a == 0 || b == 0) {
            return 0;
        }
        return EXP[LOG[a] + LOG[b]];
    }

    static int divide(int a, int b) {
        if (b == 0) {
            throw new ArithmeticException("division by zero in GF(2^8)");
        }
        if (a == 0) {
            return 0;
        }
        return EXP[LOG[a] - LOG[b] + FIELD_SIZE - 1];
    }

    /** a to the power n, with a^0 = 1 for every a (the Vandermonde matrix needs 0^0 = 1). */
    static int power(int a, int n) {
        if (n == 0) {
            return 1;
        }
        if (a == 0) {
            return 0;
        }
        return EXP[(LOG[a] * n) % (FIELD_SIZE - 1)];
    }
}
