package dev.dcp.common.metering;

import dev.dcp.common.event.Kind;
import java.math.BigInteger;
import java.util.EnumMap;
import java.util.Map;

/**
 * What one unit of work is for a kind, and how many of them the reference machine does in one CPU-second. A
 * worker's {@code pricePerCpuSecond} is per reference CPU-second, so a replica that did {@code units} of agreed
 * work is owed {@code units × price / unitsPerReferenceCpuSecond}, whatever the worker's own CPU clock says.
 *
 * <p>The constants were measured once, single-threaded, on the reference machine (see docs/contracts.md for the
 * command); they are part of the price list and change only with a new version of it.
 */
public record WorkUnit(Kind kind, String unit, long unitsPerReferenceCpuSecond) {

    public WorkUnit {
        if (unitsPerReferenceCpuSecond <= 0) {
            throw new IllegalArgumentException("a reference CPU-second does some work");
        }
    }

    private static final Map<Kind, WorkUnit> UNITS = new EnumMap<>(Kind.class);

    static {
        put(Kind.PRIMES, "one number of the range sieved", 1_400_000_000L);
        put(Kind.MONTECARLO_PI, "one sample drawn", 380_000_000L);
        put(Kind.HASHCASH, "one SHA-256 nonce tried", 12_000_000L);
        put(Kind.MATMUL, "one 64-bit multiply-add of C = A·B", 18_000_000_000L);
        put(Kind.WORDCOUNT, "one byte of UTF-8 text scanned", 83_000_000L);
        put(
                Kind.WASM,
                "one unit of gas: one WebAssembly instruction executed (bulk memory: one per 64 bytes)",
                7_300_000_000L);
    }

    private static void put(Kind kind, String unit, long perSecond) {
        UNITS.put(kind, new WorkUnit(kind, unit, perSecond));
    }

    public static WorkUnit of(Kind kind) {
        WorkUnit unit = UNITS.get(kind);
        if (unit == null) {
            throw new IllegalStateException("kind " + kind + " has no work unit");
        }
        return unit;
    }

    /** What {@code units} of this work cost at {@code pricePerCpuSecond}, rounded down; exact for any inputs. */
    public long price(long units, long pricePerCpuSecond) {
        return priceOf(units, pricePerCpuSecond, unitsPerReferenceCpuSecond);
    }

    public static long priceOf(long units, long pricePerCpuSecond, long unitsPerReferenceCpuSecond) {
        if (units < 0 || pricePerCpuSecond < 0) {
            throw new IllegalArgumentException("work and prices are never negative");
        }
        return BigInteger.valueOf(units)
                .multiply(BigInteger.valueOf(pricePerCpuSecond))
                .divide(BigInteger.valueOf(unitsPerReferenceCpuSecond))
                .min(BigInteger.valueOf(Long.MAX_VALUE))
                .longValueExact();
    }
}
