package dev.dcp.contract.settlement.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dcp.contract.settlement.domain.Payouts.Payment;
import dev.dcp.contract.settlement.domain.Payouts.Plan;
import dev.dcp.contract.settlement.domain.Payouts.Rate;
import dev.dcp.contract.settlement.domain.Payouts.Work;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PayoutsTest {

    /** Most tests count work in milliseconds of reference CPU: a thousand units to the second. */
    private static final long MILLIS = 1_000;

    private static Work work(String key, long cpuMillis) {
        return new Work(key, cpuMillis, 1);
    }

    private static Rate rate(String workerId, long pricePerCpuSecond) {
        return new Rate(workerId, "provider-" + workerId, pricePerCpuSecond);
    }

    private static Payment payment(String workerId, String key, long amount) {
        return new Payment(workerId, key, "provider-" + workerId, amount);
    }

    @Test
    void aWorkerIsOwedItsPriceTimesItsCpuSecondsRoundedDown() {
        Plan plan = Payouts.plan(MILLIS, 1_000_000, List.of(work("kA", 1_999)), Map.of("kA", rate("A", 1_000)));

        // 1999 ms × 1000 / 1000 = 1999; 1999 ms × 1 / 1000 would floor to 1
        assertThat(plan.payments()).containsExactly(payment("A", "kA", 1_999));
        assertThat(plan.paid()).isEqualTo(1_999);
        assertThat(plan.released()).isEqualTo(1_000_000 - 1_999);
        assertThat(plan.unknownWorkers()).isEmpty();
    }

    @Test
    void theProductIsFlooredNotRounded() {
        // 999 ms at 1 per cpu-second is 0.999 -> 0; 1999 ms at 7 is 13.993 -> 13
        Plan plan = Payouts.plan(
                MILLIS,
                100,
                List.of(work("kA", 1_999), work("kB", 999)),
                Map.of("kA", rate("A", 7), "kB", rate("B", 1)));

        assertThat(plan.payments()).containsExactly(payment("A", "kA", 13));
        assertThat(plan.paid()).isEqualTo(13);
        assertThat(plan.released()).isEqualTo(87);
    }

    @Test
    void aWorkersCpuTimeIsSummedBeforeItIsFloored() {
        // each 1 ms at 500 per cpu-second alone is 0.5 -> 0, but 3 ms together is 1.5 -> 1
        Plan plan = Payouts.plan(
                MILLIS, 100, List.of(work("kA", 1), work("kA", 1), work("kA", 1)), Map.of("kA", rate("A", 500)));

        assertThat(plan.payments()).containsExactly(payment("A", "kA", 1));
        assertThat(plan.paid()).isEqualTo(1);
        assertThat(plan.released()).isEqualTo(99);
    }

    @Test
    void aWorkerLosesLessThanOneMicroCreditToRoundingPerJob() {
        List<Work> work = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            work.add(work("kA", 3)); // 3 ms × 333 / 1000 = 0.999 per replica
        }
        Plan plan = Payouts.plan(MILLIS, Long.MAX_VALUE, work, Map.of("kA", rate("A", 333)));

        // exact: 3000 ms × 333 / 1000 = 999; flooring each replica would have paid 0
        assertThat(plan.paid()).isEqualTo(999);
    }

    @Test
    void paymentsAreSortedByWorkerIdWhateverTheOrderOfTheWork() {
        Plan plan = Payouts.plan(
                MILLIS,
                1_000_000,
                List.of(work("k3", 3_000), work("k1", 1_000), work("k2", 2_000)),
                Map.of("k1", rate("charlie", 1_000), "k2", rate("alpha", 1_000), "k3", rate("bravo", 1_000)));

        assertThat(plan.payments()).extracting(Payment::workerId).containsExactly("alpha", "bravo", "charlie");
        assertThat(plan.payments()).extracting(Payment::amount).containsExactly(2_000L, 3_000L, 1_000L);
        assertThat(plan.payments())
                .extracting(Payment::providerId)
                .containsExactly("provider-alpha", "provider-bravo", "provider-charlie");
    }

    @Test
    void aWorkerOwedNothingIsNotListedAmongThePayments() {
        Plan plan = Payouts.plan(
                MILLIS,
                100,
                List.of(work("kA", 0), work("kB", 1), work("kC", 2_000)),
                Map.of("kA", rate("A", 1_000), "kB", rate("B", 999), "kC", rate("C", 0)));

        // A: no cpu time, B: 1 ms × 999 / 1000 floors to 0, C: free
        assertThat(plan.payments()).isEmpty();
        assertThat(plan.paid()).isZero();
        assertThat(plan.released()).isEqualTo(100);
    }

    @Test
    void noWorkReleasesTheWholeEscrow() {
        Plan plan = Payouts.plan(MILLIS, 500, List.of(), Map.of());

        assertThat(plan.payments()).isEmpty();
        assertThat(plan.paid()).isZero();
        assertThat(plan.released()).isEqualTo(500);
        assertThat(plan.unknownWorkers()).isEmpty();
    }

    @Test
    void workOfAnUnknownWorkerIsReportedAndNotPaid() {
        Plan plan = Payouts.plan(
                MILLIS,
                10_000,
                List.of(work("ghost", 5_000), work("kA", 1_000), work("ghost", 5_000), work("phantom", 1)),
                Map.of("kA", rate("A", 1_000)));

        assertThat(plan.payments()).containsExactly(payment("A", "kA", 1_000));
        assertThat(plan.unknownWorkers()).containsExactly("ghost", "phantom");
        assertThat(plan.paid()).isEqualTo(1_000);
        assertThat(plan.released()).isEqualTo(9_000);
    }

    @Test
    void unknownWorkDoesNotShrinkTheShareOfKnownWorkersUnderAShortEscrow() {
        // A alone is owed 200 > escrow 100, so A gets the whole escrow; the ghost's work does not count towards
        // the total owed
        Plan plan = Payouts.plan(
                MILLIS, 100, List.of(work("kA", 2_000), work("ghost", 1_000_000)), Map.of("kA", rate("A", 100)));

        assertThat(plan.payments()).containsExactly(payment("A", "kA", 100));
        assertThat(plan.released()).isZero();
        assertThat(plan.unknownWorkers()).containsExactly("ghost");
    }

    @Test
    void owingExactlyTheEscrowPaysItAllAndReleasesNothing() {
        Plan plan = Payouts.plan(
                MILLIS,
                3_000,
                List.of(work("kA", 1_000), work("kB", 2_000)),
                Map.of("kA", rate("A", 1_000), "kB", rate("B", 1_000)));

        assertThat(plan.payments()).containsExactly(payment("A", "kA", 1_000), payment("B", "kB", 2_000));
        assertThat(plan.paid()).isEqualTo(3_000);
        assertThat(plan.released()).isZero();
    }

    @Test
    void owingMoreThanTheEscrowPaysEveryWorkerTheSameShare() {
        // owed A 150, B 50: total 200 against an escrow of 100, so each gets half
        Plan plan = Payouts.plan(
                MILLIS,
                100,
                List.of(work("kA", 1_500), work("kB", 500)),
                Map.of("kA", rate("A", 100), "kB", rate("B", 100)));

        assertThat(plan.payments()).containsExactly(payment("A", "kA", 75), payment("B", "kB", 25));
        assertThat(plan.paid()).isEqualTo(100);
        assertThat(plan.released()).isZero();
    }

    @Test
    void proRataSharesAreFlooredAndTheRemainderIsReleased() {
        // owed 10, 10, 10 = 30 against 20: each share 10 × 20 / 30 = 6.67 -> 6
        Plan plan = Payouts.plan(
                MILLIS,
                20,
                List.of(work("kA", 10), work("kB", 10), work("kC", 10)),
                Map.of("kA", rate("A", 1_000), "kB", rate("B", 1_000), "kC", rate("C", 1_000)));

        assertThat(plan.payments()).extracting(Payment::amount).containsExactly(6L, 6L, 6L);
        assertThat(plan.paid()).isEqualTo(18);
        assertThat(plan.released()).isEqualTo(2);
    }

    @Test
    void proRataSharesThatFloorToZeroAreOmitted() {
        // owed 1 each, 3 in all, against 2: each share 2/3 -> 0
        Plan plan = Payouts.plan(
                MILLIS,
                2,
                List.of(work("kA", 1), work("kB", 1), work("kC", 1)),
                Map.of("kA", rate("A", 1_000), "kB", rate("B", 1_000), "kC", rate("C", 1_000)));

        assertThat(plan.payments()).isEmpty();
        assertThat(plan.paid()).isZero();
        assertThat(plan.released()).isEqualTo(2);
    }

    @Test
    void aZeroEscrowPaysNobody() {
        Plan plan = Payouts.plan(MILLIS, 0, List.of(work("kA", 1_000)), Map.of("kA", rate("A", 1_000)));

        assertThat(plan.payments()).isEmpty();
        assertThat(plan.paid()).isZero();
        assertThat(plan.released()).isZero();
    }

    @Test
    void aJobNeverCostsMoreThanItsEscrowEvenWhenTheProductOverflowsALong() {
        // Long.MAX_VALUE ms × Long.MAX_VALUE per second does not fit a long: it must still be capped
        Plan plan = Payouts.plan(
                MILLIS,
                1_000,
                List.of(work("kA", Long.MAX_VALUE), work("kB", 1_000)),
                Map.of("kA", rate("A", Long.MAX_VALUE), "kB", rate("B", 1_000)));

        assertThat(plan.paid()).isLessThanOrEqualTo(1_000);
        assertThat(plan.paid() + plan.released()).isEqualTo(1_000);
        assertThat(plan.payments()).allSatisfy(p -> assertThat(p.amount()).isPositive());
    }

    @Test
    void aWorkerOwedBeyondALongStillGetsItsProRataShare() {
        Plan plan = Payouts.plan(
                MILLIS,
                1_000,
                List.of(work("kA", Long.MAX_VALUE), work("kB", 1_000)),
                Map.of("kA", rate("A", Long.MAX_VALUE), "kB", rate("B", 1_000)));

        // A is owed all but a vanishing fraction of the total, so its share is floor(~1000) = 999 or 1000
        assertThat(plan.payments()).extracting(Payment::workerId).containsExactly("A");
        assertThat(plan.paid()).isGreaterThanOrEqualTo(999);
    }

    @Test
    void aNegativeEscrowIsRejected() {
        assertThatThrownBy(() -> Payouts.plan(MILLIS, -1, List.of(), Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void negativeCpuTimeIsRejected() {
        assertThatThrownBy(() -> Payouts.plan(MILLIS, 100, List.of(work("kA", -1)), Map.of("kA", rate("A", 1))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aCpuTimeThatOverflowsWhenSummedIsRefusedRatherThanWrappedAround() {
        // wrapped, kA's Long.MAX_VALUE + Long.MAX_VALUE would be -2 ms, lowering the total owed below the escrow
        assertThatThrownBy(() -> Payouts.plan(
                        MILLIS,
                        100,
                        List.of(work("kA", Long.MAX_VALUE), work("kA", Long.MAX_VALUE), work("kB", 101)),
                        Map.of("kA", rate("A", 1_000), "kB", rate("B", 1_000))))
                .isInstanceOf(ArithmeticException.class);
    }

    @Test
    void aNegativePriceIsRejected() {
        // it would lower the total owed, and the others would be paid beyond the escrow
        assertThatThrownBy(() -> rate("A", -50)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void propertyPaidNeverExceedsEscrowAndPaidPlusReleasedIsTheEscrow() {
        Random random = new Random(20240611L);
        for (int c = 0; c < 1_000; c++) {
            long escrow = switch (random.nextInt(4)) {
                case 0 -> 0;
                case 1 -> random.nextInt(100);
                case 2 -> random.nextInt(1_000_000);
                default -> Math.abs(random.nextLong() >> 4);
            };
            int workers = random.nextInt(6);
            Map<String, Rate> rates = new HashMap<>();
            List<Work> work = new ArrayList<>();
            long expectedOwed = 0;
            for (int w = 0; w < workers; w++) {
                String key = "k" + w;
                boolean known = random.nextInt(5) != 0;
                long price = random.nextBoolean() ? random.nextInt(2_000) : random.nextInt(1_000_000_000);
                if (known) {
                    rates.put(key, rate("w" + random.nextInt(1_000), price));
                }
                long sum = 0;
                int replicas = 1 + random.nextInt(4);
                for (int r = 0; r < replicas; r++) {
                    long ms = random.nextBoolean() ? random.nextInt(10) : random.nextInt(100_000_000);
                    sum += ms;
                    work.add(work(key, ms));
                }
                if (known) {
                    expectedOwed += Math.multiplyExact(sum, price) / 1000;
                }
            }
            String at = "case " + c + ": escrow=" + escrow + " work=" + work + " rates=" + rates;

            Plan plan = Payouts.plan(MILLIS, escrow, work, rates);

            assertThat(plan.paid()).as(at).isLessThanOrEqualTo(escrow).isNotNegative();
            assertThat(plan.released()).as(at).isNotNegative();
            assertThat(plan.paid() + plan.released()).as(at).isEqualTo(escrow);
            assertThat(plan.payments())
                    .as(at)
                    .allSatisfy(p -> assertThat(p.amount()).isPositive());
            assertThat(plan.payments().stream().mapToLong(Payment::amount).sum())
                    .as(at)
                    .isEqualTo(plan.paid());
            assertThat(plan.payments()).extracting(Payment::workerId).as(at).isSorted();
            if (expectedOwed <= escrow) {
                assertThat(plan.paid()).as(at).isEqualTo(expectedOwed);
            } else {
                // each of at most 5 workers loses less than one micro-credit to the pro-rata floor
                assertThat(plan.paid()).as(at).isGreaterThan(escrow - workers);
            }
        }
    }

    @Test
    void unitsAreConvertedToReferenceCpuSecondsByTheKindsConstant() {
        // a kind whose reference CPU-second is 150,000,000 units: 450,000,001 of them at 1,000 per second is 3,000.0…
        Plan plan =
                Payouts.plan(150_000_000, 1_000_000, List.of(work("kA", 450_000_001)), Map.of("kA", rate("A", 1_000)));

        assertThat(plan.payments()).containsExactly(payment("A", "kA", 3_000));
        assertThat(plan.released()).isEqualTo(1_000_000 - 3_000);
    }

    @Test
    void equalWorkIsPaidEquallyWhateverElseTheWorkersReported() {
        // the plan sees only agreed units: two workers with the same answers are owed the same
        Plan plan = Payouts.plan(
                200_000_000,
                1_000_000,
                List.of(work("kA", 400_000_000), work("kB", 400_000_000)),
                Map.of("kA", rate("A", 10_000), "kB", rate("B", 10_000)));

        assertThat(plan.payments()).containsExactly(payment("A", "kA", 20_000), payment("B", "kB", 20_000));
    }

    @Test
    void aReferenceSecondWithoutUnitsIsRefused() {
        assertThatThrownBy(() -> Payouts.plan(0, 100, List.of(), Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
