package dev.dcp.contract.settlement.domain;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The settlement arithmetic of one job, in integer micro-credits. A job pays for the work its quorum agreed on, in
 * its kind's units, never for the time a worker reports. Each worker whose answers were accepted is owed
 * {@code floor(units × pricePerCpuSecond / unitsPerReferenceCpuSecond)}: its accepted units summed first, then
 * rounded down once, so a worker loses less than one micro-credit per job to rounding. If what is owed exceeds the escrow, every
 * worker gets the same share of it, {@code floor(owed × escrow / totalOwed)}; a job never costs more than its
 * escrow. Whatever is not paid is released to the tenant. Plain arithmetic, no I/O.
 */
public final class Payouts {

    /** The accepted work of one worker in a job: the agreed units it is paid for and how many of its answers. */
    public record Work(String workerKey, long units, int replicas) {}

    /** What an enrolled worker charges, and whom its earnings go to. */
    public record Rate(String workerId, String providerId, long pricePerCpuSecond) {

        public Rate {
            if (pricePerCpuSecond < 0) {
                throw new IllegalArgumentException("a price is never negative");
            }
        }
    }

    public record Payment(String workerId, String workerKey, String providerId, long amount) {}

    private record Owed(Rate rate, String workerKey, BigInteger amount) {}

    /** The payments (positive amounts only), their sum, what returns to the tenant, and work nobody can be paid for. */
    public record Plan(List<Payment> payments, long paid, long released, List<String> unknownWorkers) {}

    private Payouts() {}

    /**
     * @param unitsPerReferenceCpuSecond the job's kind's units in one reference CPU-second, which prices are per
     */
    public static Plan plan(
            long unitsPerReferenceCpuSecond, long escrow, List<Work> work, Map<String, Rate> ratesByKey) {
        if (escrow < 0) {
            throw new IllegalArgumentException("escrow must not be negative");
        }
        if (unitsPerReferenceCpuSecond <= 0) {
            throw new IllegalArgumentException("a reference CPU-second holds some units");
        }
        BigInteger perSecond = BigInteger.valueOf(unitsPerReferenceCpuSecond);
        Map<String, long[]> byKey = new LinkedHashMap<>();
        for (Work w : work) {
            if (w.units() < 0) {
                throw new IllegalArgumentException("units must not be negative");
            }
            long[] sum = byKey.computeIfAbsent(w.workerKey(), k -> new long[1]);
            sum[0] = Math.addExact(sum[0], w.units());
        }
        List<String> unknown = new ArrayList<>();
        List<Owed> owed = new ArrayList<>();
        BigInteger total = BigInteger.ZERO;
        for (Map.Entry<String, long[]> e : byKey.entrySet()) {
            Rate rate = ratesByKey.get(e.getKey());
            if (rate == null) {
                unknown.add(e.getKey());
                continue;
            }
            BigInteger amount = BigInteger.valueOf(e.getValue()[0])
                    .multiply(BigInteger.valueOf(rate.pricePerCpuSecond()))
                    .divide(perSecond);
            total = total.add(amount);
            owed.add(new Owed(rate, e.getKey(), amount));
        }
        BigInteger cap = BigInteger.valueOf(escrow);
        List<Payment> payments = new ArrayList<>();
        long paid = 0;
        for (Owed o : owed) {
            // within the escrow each is paid what it is owed (then below 2^63); beyond, its share of the escrow
            long amount = total.compareTo(cap) <= 0
                    ? o.amount().longValueExact()
                    : o.amount().multiply(cap).divide(total).longValueExact();
            if (amount > 0) {
                payments.add(
                        new Payment(o.rate().workerId(), o.workerKey(), o.rate().providerId(), amount));
                paid += amount;
            }
        }
        payments.sort(Comparator.comparing(Payment::workerId));
        return new Plan(List.copyOf(payments), paid, escrow - paid, List.copyOf(unknown));
    }
}
