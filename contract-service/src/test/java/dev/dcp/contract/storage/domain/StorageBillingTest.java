package dev.dcp.contract.storage.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dcp.contract.storage.domain.StorageBilling.Holding;
import dev.dcp.contract.storage.domain.StorageBilling.Payment;
import dev.dcp.contract.storage.domain.StorageBilling.Rate;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StorageBillingTest {

    private static final long GIB = StorageBilling.GIB;
    private static final long DAY = 86_400;

    @Test
    void theEscrowIsEveryShardByteForEveryDayAtThePrice() {
        // 1 GiB coded 2 + 1 is 1.5 GiB of shards; 10 days at 100,000 a GiB-day
        assertThat(StorageBilling.escrow(GIB, 2, 1, 10, 100_000)).isEqualTo(BigInteger.valueOf(1_500_000));
        assertThat(StorageBilling.escrow(4 * GIB, 4, 2, 1, 1_000)).isEqualTo(BigInteger.valueOf(6_000));
    }

    @Test
    void theEscrowRoundsUpSoTheLastMicroCreditOfAPaymentIsCovered() {
        assertThat(StorageBilling.escrow(1, 2, 1, 1, 1)).isEqualTo(BigInteger.ONE);
        assertThat(StorageBilling.escrow(GIB + 1, 1, 1, 1, 1)).isEqualTo(BigInteger.valueOf(3));
    }

    @Test
    void anEmptyObjectOrAFreeOfferEscrowsNothing() {
        assertThat(StorageBilling.escrow(0, 2, 1, 30, 100_000)).isEqualTo(BigInteger.ZERO);
        assertThat(StorageBilling.escrow(GIB, 2, 1, 30, 0)).isEqualTo(BigInteger.ZERO);
    }

    @Test
    void aLeaseIsRefusedOverQuotaFirstThenTooLargeForTheLedgerThenTooDearForTheBalance() {
        BigInteger escrow = BigInteger.valueOf(500);

        assertThat(StorageBilling.refusal(1_000, 900, 101, escrow, 1_000, 10_000))
                .contains(new StorageBilling.OverQuota(1_000, 900, 101));
        assertThat(StorageBilling.refusal(1_000, 900, 100, BigInteger.valueOf(1_001), 1_000, 10_000))
                .contains(new StorageBilling.EscrowTooLarge(BigInteger.valueOf(1_001)));
        assertThat(StorageBilling.refusal(1_000, 900, 100, escrow, 1_000, 499))
                .contains(new StorageBilling.InsufficientCredits(500, 499));
        assertThat(StorageBilling.refusal(1_000, 900, 100, escrow, 1_000, 500)).isEmpty();
    }

    @Test
    void aWorkerEarnsItsShareOfEachSegmentForTheSecondsAtItsOwnPrice() {
        // k = 2: a shard of a 1 GiB segment is half a GiB; a day of it at 100,000 earns 50,000
        StorageBilling.Plan plan = StorageBilling.period(
                2,
                DAY,
                List.of(new Holding("w-a", GIB), new Holding("w-b", GIB)),
                Map.of("w-a", new Rate("p-1", 100_000), "w-b", new Rate("p-2", 60_000)),
                1_000_000);

        assertThat(plan.payments())
                .containsExactly(new Payment("w-a", "p-1", 50_000), new Payment("w-b", "p-2", 30_000));
        assertThat(plan.paid()).isEqualTo(80_000);
    }

    @Test
    void aWorkersHoldingsAreSummedBeforeTheOneRoundingDown() {
        // each shard alone earns 0.5; together they earn 1
        List<Holding> halves = List.of(new Holding("w-a", GIB / 2), new Holding("w-a", GIB / 2));

        StorageBilling.Plan plan = StorageBilling.period(1, 1, halves, Map.of("w-a", new Rate("p", DAY)), 10);

        assertThat(plan.payments()).containsExactly(new Payment("w-a", "p", 1));
    }

    @Test
    void payingNeverTakesMoreThanTheEscrowLeftAndPaysInWorkerOrderUntilItIsSpent() {
        StorageBilling.Plan plan = StorageBilling.period(
                1,
                DAY,
                List.of(new Holding("w-b", GIB), new Holding("w-a", GIB)),
                Map.of("w-a", new Rate("p", 700), "w-b", new Rate("p", 700)),
                1_000);

        assertThat(plan.payments()).containsExactly(new Payment("w-a", "p", 700), new Payment("w-b", "p", 300));
        assertThat(plan.paid()).isEqualTo(1_000);
    }

    @Test
    void aSpanTooShortToPayEveryPricedWorkerAMicroCreditIsNotWhole() {
        Map<String, Rate> rates = Map.of("w-a", new Rate("p", 100_000), "w-free", new Rate("p", 0));
        List<Holding> small = List.of(new Holding("w-a", 1 << 20), new Holding("w-free", 1 << 20));

        assertThat(StorageBilling.period(2, 60, small, rates, 1_000).whole())
                .as("a MiB for a minute earns a fraction")
                .isFalse();
        StorageBilling.Plan day = StorageBilling.period(2, DAY, small, rates, 1_000);
        assertThat(day.whole()).as("a free offer never holds a span back").isTrue();
        assertThat(day.payments()).containsExactly(new Payment("w-a", "p", 48));
    }

    @Test
    void shardsOnWorkersNobodyEnrolledEarnNothingAndAreNamed() {
        StorageBilling.Plan plan = StorageBilling.period(1, DAY, List.of(new Holding("w-x", GIB)), Map.of(), 1_000_000);

        assertThat(plan.payments()).isEmpty();
        assertThat(plan.paid()).isZero();
        assertThat(plan.unknownWorkers()).containsExactly("w-x");
    }

    @Test
    void overAWholeRetentionEveryWorkerTogetherEarnsNoMoreThanTheEscrow() {
        Random random = new Random(18);
        for (int trial = 0; trial < 500; trial++) {
            int k = 1 + random.nextInt(6);
            int m = 1 + random.nextInt(4);
            int days = 1 + random.nextInt(30);
            int segmentSize = 1 + random.nextInt(1 << 22);
            long size = random.nextLong(1L << 33);
            long dearest = 1L + random.nextInt(1_000_000);
            BigInteger escrow = StorageBilling.escrow(size, k, m, days, dearest);
            // every shard of every segment held by a worker that charges the dearest price or less, paid in periods
            Map<String, Rate> rates =
                    Map.of("w-1", new Rate("p", dearest), "w-2", new Rate("p", random.nextLong(dearest + 1)));
            long segments = (size + segmentSize - 1) / segmentSize;
            long lastSegment = size - (segments - 1) * segmentSize;
            long perWorker = (segments - 1) * segmentSize + lastSegment;
            List<Holding> holdings =
                    List.of(new Holding("w-1", perWorker * (k + m - 1)), new Holding("w-2", perWorker));
            long periods = 1L + random.nextInt(50);
            long seconds = days * DAY / periods;
            long paid = 0;
            for (long p = 0; p < periods; p++) {
                paid += StorageBilling.period(k, seconds, holdings, rates, Long.MAX_VALUE)
                        .paid();
            }
            assertThat(BigInteger.valueOf(paid)).isLessThanOrEqualTo(escrow);
        }
    }

    @Test
    void negativeAmountsAreRefused() {
        assertThatThrownBy(() -> StorageBilling.escrow(-1, 2, 1, 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Holding("w", -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Rate("p", -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
