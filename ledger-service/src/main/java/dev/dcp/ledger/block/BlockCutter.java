package dev.dcp.ledger.block;

import dev.dcp.common.ledger.Transaction;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decides where blocks end, from the ordered topic alone: after {@code maxTransactions} transactions, or at a cut
 * marker. Every honest replica reading the same topic therefore cuts the same blocks; no local clock is consulted.
 * Not thread-safe: one ingest loop owns it.
 */
public final class BlockCutter {

    /** The transactions of one block, its timestamp, and the topic offset of the last record it consumed. */
    public record Batch(List<Transaction> transactions, long timestamp, long lastOffset) {}

    private final int maxTransactions;
    private final List<Transaction> pending = new ArrayList<>();

    public BlockCutter(int maxTransactions) {
        if (maxTransactions < 1) {
            throw new IllegalArgumentException("maxTransactions must be at least 1");
        }
        this.maxTransactions = maxTransactions;
    }

    public Optional<Batch> add(Transaction tx, long offset) {
        pending.add(tx);
        if (pending.size() >= maxTransactions) {
            return Optional.of(drain(tx.timestamp(), offset));
        }
        return Optional.empty();
    }

    /** A cut marker closes the pending block, stamped with the marker's time; with nothing pending it is a no-op. */
    public Optional<Batch> cut(long markerTimestamp, long offset) {
        if (pending.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(drain(markerTimestamp, offset));
    }

    public int pendingCount() {
        return pending.size();
    }

    /** The transactions waiting for the next cut, in order. */
    public List<Transaction> pending() {
        return List.copyOf(pending);
    }

    private Batch drain(long timestamp, long offset) {
        Batch batch = new Batch(List.copyOf(pending), timestamp, offset);
        pending.clear();
        return batch;
    }
}
