package dev.dcp.ledger.ingest;

import dev.dcp.common.ledger.Transaction;

/** A record of the transaction topic that may enter a block: an admissible transaction, or a cut marker. */
public record Admitted(long offset, Transaction tx, long markerTimestamp) {

    static Admitted transaction(long offset, Transaction tx) {
        return new Admitted(offset, tx, -1);
    }

    static Admitted marker(long offset, long timestamp) {
        return new Admitted(offset, null, timestamp);
    }

    public boolean isMarker() {
        return tx == null;
    }
}
