package dev.dcp.worker.kernel.montecarlo;

import dev.dcp.common.event.Kind;
import dev.dcp.common.json.CanonicalJson;
import dev.dcp.common.metering.WorkCount;
import dev.dcp.worker.kernel.Answer;
import dev.dcp.worker.kernel.Kernel;
import dev.dcp.worker.kernel.SubtaskInput;
import java.util.Map;

/**
 * Estimates pi by counting random points of the square [0, 2^31)^2 that fall inside the quarter circle of
 * radius 2^31. Input {@code {seed, from, to}} covers sample indices [from, to), 0 <= from < to; output is
 * {@code {samples: to - from, inside}}.
 *
 * <p>Every sample is a pure function of (seed, sample index), never of a generator's running state, so a job's
 * total does not depend on how the scheduler splits it. All arithmetic is 64-bit and wraps:
 * <pre>
 * mix(z):          z ^= z >>> 30; z *= 0xBF58476D1CE4E5B9L;
 *                  z ^= z >>> 27; z *= 0x94D049BB133111EBL;
 *                  z ^= z >>> 31                                  (the SplitMix64 finaliser)
 * draw(seed, k)  = mix(seed + (k + 1) * 0x9E3779B97F4A7C15L)
 * sample i:        x = draw(seed, 2i) >>> 33,  y = draw(seed, 2i + 1) >>> 33   (both below 2^31)
 *                  inside iff x*x + y*y < 2^62                    (exact: the sum is below 2^63)
 * </pre>
 */
public final class MonteCarloPiKernel implements Kernel {

    static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;
    private static final long RADIUS_SQUARED = 1L << 62;
    /** Two gammas, modulo 2^64 like all of SplitMix64's arithmetic (a shift, since a product of constants that wraps reads as a mistake). */
    private static final long TWO_GAMMAS = GOLDEN_GAMMA << 1;

    @Override
    public Kind kind() {
        return Kind.MONTECARLO_PI;
    }

    @Override
    public Answer run(Map<String, Object> input) {
        long seed = SubtaskInput.integer(input, "seed");
        long from = SubtaskInput.integer(input, "from");
        long to = SubtaskInput.integer(input, "to");
        SubtaskInput.requireRange(from, to);
        if (to - from > CanonicalJson.MAX_SAFE_INTEGER) {
            throw new IllegalArgumentException("at most 2^53-1 samples per subtask, so the count stays exact in JSON");
        }
        return new Answer(
                Map.of("samples", to - from, "inside", countInside(seed, from, to)), WorkCount.montecarloPi(from, to));
    }

    /** How many of the samples with index in [from, to) fall inside the quarter circle. */
    public static long countInside(long seed, long from, long to) {
        // draw(seed, k) mixes seed + (k + 1) * gamma; step that argument by one gamma per draw instead of multiplying
        long z = seed + (2 * from + 1) * GOLDEN_GAMMA;
        long inside = 0;
        for (long i = from; i < to; i++) {
            long x = mix(z) >>> 33;
            long y = mix(z + GOLDEN_GAMMA) >>> 33;
            z += TWO_GAMMAS;
            // branch-free: the outcome is a coin flip the CPU cannot predict
            inside += (x * x + y * y - RADIUS_SQUARED) >>> 63;
        }
        return inside;
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
