package dev.dcp.ledger.block;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dcp.common.crypto.Ed25519;
import dev.dcp.common.ledger.Transaction;
import dev.dcp.ledger.block.BlockCutter.Batch;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BlockCutterTest {

    private static final Ed25519.KeyPair KEYS = Ed25519.generate();

    private static Transaction tx(long nonce, long timestamp) {
        return Transaction.sign("PAYMENT", Map.of("amount", nonce), KEYS, nonce, timestamp);
    }

    /** One record of the ordered topic: a transaction, or a cut marker when {@code tx} is null. */
    private record Item(Transaction tx, long markerTimestamp, long offset) {}

    private static List<Batch> feed(BlockCutter cutter, List<Item> items) {
        List<Batch> batches = new ArrayList<>();
        for (Item item : items) {
            Optional<Batch> batch = item.tx() != null
                    ? cutter.add(item.tx(), item.offset())
                    : cutter.cut(item.markerTimestamp(), item.offset());
            batch.ifPresent(batches::add);
        }
        return batches;
    }

    @Test
    void blockClosesExactlyAtMaxTransactionsWithTheLastTransactionsTimestampAndOffset() {
        BlockCutter cutter = new BlockCutter(3);
        Transaction a = tx(1, 1000);
        Transaction b = tx(2, 1005);
        Transaction c = tx(3, 1003);

        assertThat(cutter.add(a, 10)).isEmpty();
        assertThat(cutter.add(b, 11)).isEmpty();
        assertThat(cutter.pendingCount()).isEqualTo(2);
        Optional<Batch> batch = cutter.add(c, 12);

        assertThat(batch).contains(new Batch(List.of(a, b, c), 1003, 12));
        assertThat(cutter.pendingCount()).isZero();
    }

    @Test
    void maxTransactionsOfOneClosesABlockPerTransaction() {
        BlockCutter cutter = new BlockCutter(1);
        Transaction a = tx(1, 50);
        Transaction b = tx(2, 60);

        assertThat(cutter.add(a, 0)).contains(new Batch(List.of(a), 50, 0));
        assertThat(cutter.add(b, 1)).contains(new Batch(List.of(b), 60, 1));
    }

    @Test
    void nextBlockStartsEmptyAfterACut() {
        BlockCutter cutter = new BlockCutter(2);
        cutter.add(tx(1, 1), 0);
        cutter.add(tx(2, 2), 1);
        Transaction c = tx(3, 3);
        Transaction d = tx(4, 4);

        assertThat(cutter.add(c, 2)).isEmpty();
        assertThat(cutter.add(d, 3)).contains(new Batch(List.of(c, d), 4, 3));
    }

    @Test
    void cutMarkerClosesAPendingBlockWithTheMarkersTimestampAndOffset() {
        BlockCutter cutter = new BlockCutter(10);
        Transaction a = tx(1, 1000);
        Transaction b = tx(2, 2000);
        cutter.add(a, 5);
        cutter.add(b, 6);

        Optional<Batch> batch = cutter.cut(9999, 7);

        assertThat(batch).contains(new Batch(List.of(a, b), 9999, 7));
        assertThat(cutter.pendingCount()).isZero();
    }

    @Test
    void cutMarkerWithNothingPendingYieldsNothing() {
        BlockCutter cutter = new BlockCutter(10);

        assertThat(cutter.cut(1000, 0)).isEmpty();
        assertThat(cutter.pendingCount()).isZero();
    }

    @Test
    void cutMarkerRightAfterAFullBlockYieldsNothing() {
        BlockCutter cutter = new BlockCutter(2);
        cutter.add(tx(1, 1), 0);
        assertThat(cutter.add(tx(2, 2), 1)).isPresent();

        assertThat(cutter.cut(3, 2)).isEmpty();
    }

    @Test
    void pendingTransactionsAreKnownUntilTheBlockCloses() {
        BlockCutter cutter = new BlockCutter(10);
        Transaction a = tx(1, 1);
        Transaction b = tx(2, 2);
        cutter.add(a, 0);

        assertThat(cutter.pending()).containsExactly(a).doesNotContain(b);
        cutter.cut(5, 1);
        assertThat(cutter.pending()).isEmpty();
    }

    @Test
    void closedBatchIsNotChangedByLaterTransactions() {
        BlockCutter cutter = new BlockCutter(10);
        Transaction a = tx(1, 1);
        cutter.add(a, 0);
        Batch batch = cutter.cut(2, 1).orElseThrow();

        cutter.add(tx(2, 3), 2);

        assertThat(batch.transactions()).containsExactly(a);
    }

    @Test
    void twoCuttersFedTheSameRecordsCutIdenticalBlocks() {
        Random random = new Random(31);
        List<Item> items = new ArrayList<>();
        long time = 1_700_000_000_000L;
        for (long offset = 0; offset < 500; offset++) {
            time += random.nextInt(50);
            if (random.nextInt(8) == 0) {
                items.add(new Item(null, time, offset));
            } else {
                items.add(new Item(tx(offset, time), 0, offset));
            }
        }

        List<Batch> first = feed(new BlockCutter(7), items);
        List<Batch> second = feed(new BlockCutter(7), items);

        assertThat(first).isNotEmpty().isEqualTo(second);
    }

    @Test
    void blocksPartitionTheTransactionsInOrderAndRespectTheLimit() {
        Random random = new Random(32);
        List<Item> items = new ArrayList<>();
        List<Transaction> all = new ArrayList<>();
        for (long offset = 0; offset < 300; offset++) {
            if (random.nextInt(6) == 0) {
                items.add(new Item(null, 10_000 + offset, offset));
            } else {
                Transaction t = tx(offset, 1000 + offset);
                all.add(t);
                items.add(new Item(t, 0, offset));
            }
        }
        items.add(new Item(null, 99_999, 300));

        List<Batch> batches = feed(new BlockCutter(5), items);

        List<Transaction> concatenated = new ArrayList<>();
        long lastOffset = -1;
        for (Batch batch : batches) {
            assertThat(batch.transactions()).hasSizeBetween(1, 5);
            assertThat(batch.lastOffset()).isGreaterThan(lastOffset);
            lastOffset = batch.lastOffset();
            concatenated.addAll(batch.transactions());
        }
        assertThat(concatenated).containsExactlyElementsOf(all);
    }

    @Test
    void rejectsMaxTransactionsBelowOne() {
        assertThatThrownBy(() -> new BlockCutter(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
