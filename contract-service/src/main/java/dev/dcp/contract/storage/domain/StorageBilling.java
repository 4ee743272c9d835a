package dev.dcp.contract.storage.domain;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The arithmetic of keeping an object, in integer micro-credits and plain numbers, no I/O.
 *
 * <p>Storing escrows {@code ceil(size × (k + m) / k × days × price / GiB)}: every byte of every shard for the whole
 * retention, at the price of the dearest worker holding a shard of it. Each period a worker earns, for the shards it
 * holds that stand audited, {@code floor(plaintext of their segments / k × seconds × its own price / (GiB × 86,400))}
 * — so all workers together never earn more than the escrow, and whatever is not earned returns to the tenant when
 * the object is deleted or its retention ends.
 */
public final class StorageBilling {

    public static final long GIB = 1L << 30;
    static final long SECONDS_PER_DAY = 86_400;
    private static final BigInteger BYTE_SECONDS_PER_GIB_DAY =
            BigInteger.valueOf(GIB).multiply(BigInteger.valueOf(SECONDS_PER_DAY));

    /** What a lease asks of the tenant, or why it cannot be had. */
    public sealed interface Refusal {}

    /** The object would take the tenant over its storage quota (bytes as uploaded, before coding). */
    public record OverQuota(long quotaBytes, long storedBytes, long size) implements Refusal {}

    public record InsufficientCredits(long escrow, long balance) implements Refusal {}

    /** The escrow would not fit in a ledger amount: a shorter retention or a smaller object fits. */
    public record EscrowTooLarge(BigInteger escrow) implements Refusal {}

    /** Shards one worker holds, counted as the plaintext bytes of their segments (each shard is 1/k of that). */
    public record Holding(String workerId, long segmentBytes) {

        public Holding {
            if (segmentBytes < 0) {
                throw new IllegalArgumentException("bytes are never negative");
            }
        }
    }

    /** What an enrolled worker charges for storage, and whom its earnings go to. */
    public record Rate(String providerId, long pricePerGiBDay) {

        public Rate {
            if (pricePerGiBDay < 0) {
                throw new IllegalArgumentException("a price is never negative");
            }
        }
    }

    public record Payment(String workerId, String providerId, long amount) {}

    /**
     * Payments (positive only) in worker order, their sum, and holdings of workers nobody enrolled. {@code whole}
     * when every worker that charges something earns at least a micro-credit: a shorter span would round someone's
     * pay to nothing, so it is better left to grow into the next period.
     */
    public record Plan(List<Payment> payments, long paid, List<String> unknownWorkers, boolean whole) {}

    private StorageBilling() {}

    /** The exact escrow, rounded up to a whole micro-credit. */
    public static BigInteger escrow(long size, int k, int m, int days, long pricePerGiBDay) {
        if (size < 0 || k < 1 || m < 0 || days < 0 || pricePerGiBDay < 0) {
            throw new IllegalArgumentException("size, k, m, days and price must be sensible");
        }
        BigInteger numerator = BigInteger.valueOf(size)
                .multiply(BigInteger.valueOf(k + (long) m))
                .multiply(BigInteger.valueOf(days))
                .multiply(BigInteger.valueOf(pricePerGiBDay));
        BigInteger denominator = BigInteger.valueOf(k).multiply(BigInteger.valueOf(GIB));
        return numerator.add(denominator).subtract(BigInteger.ONE).divide(denominator);
    }

    /**
     * Whether a lease of {@code escrow} may be opened: within the quota, within the largest ledger amount, and
     * covered by the balance, checked in that order.
     */
    public static Optional<Refusal> refusal(
            long quotaBytes, long storedBytes, long size, BigInteger escrow, long maxAmount, long balance) {
        if (size > quotaBytes - storedBytes) {
            return Optional.of(new OverQuota(quotaBytes, storedBytes, size));
        }
        if (escrow.compareTo(BigInteger.valueOf(maxAmount)) > 0) {
            return Optional.of(new EscrowTooLarge(escrow));
        }
        if (escrow.longValueExact() > balance) {
            return Optional.of(new InsufficientCredits(escrow.longValueExact(), balance));
        }
        return Optional.empty();
    }

    /**
     * What keeping {@code holdings} of an object coded with {@code k} data shards for {@code seconds} earns, each
     * worker at its own price, the total never above {@code escrowLeft} (workers are then paid in id order until it
     * is spent). One payment per worker: its holdings are summed before the single rounding down.
     */
    public static Plan period(
            int k, long seconds, List<Holding> holdings, Map<String, Rate> ratesByWorker, long escrowLeft) {
        if (k < 1 || seconds < 0 || escrowLeft < 0) {
            throw new IllegalArgumentException("k, seconds and the escrow left must be sensible");
        }
        Map<String, Long> bytesByWorker = new TreeMap<>();
        for (Holding h : holdings) {
            bytesByWorker.merge(h.workerId(), h.segmentBytes(), Math::addExact);
        }
        List<Payment> payments = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        long left = escrowLeft;
        boolean whole = true;
        BigInteger denominator = BYTE_SECONDS_PER_GIB_DAY.multiply(BigInteger.valueOf(k));
        for (Map.Entry<String, Long> e : bytesByWorker.entrySet()) {
            Rate rate = ratesByWorker.get(e.getKey());
            if (rate == null) {
                unknown.add(e.getKey());
                continue;
            }
            BigInteger earned = BigInteger.valueOf(e.getValue())
                    .multiply(BigInteger.valueOf(seconds))
                    .multiply(BigInteger.valueOf(rate.pricePerGiBDay()))
                    .divide(denominator);
            whole &= rate.pricePerGiBDay() == 0 || e.getValue() == 0 || earned.signum() > 0;
            long owed = earned.min(BigInteger.valueOf(left)).longValueExact();
            if (owed > 0) {
                payments.add(new Payment(e.getKey(), rate.providerId(), owed));
                left -= owed;
            }
        }
        return new Plan(List.copyOf(payments), escrowLeft - left, List.copyOf(unknown), whole);
    }
}
