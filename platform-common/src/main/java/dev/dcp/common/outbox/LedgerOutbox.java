package dev.dcp.common.outbox;

import dev.dcp.common.event.Topics;
import dev.dcp.common.ledger.Transaction;
import dev.dcp.common.ledger.TransactionSigner;
import java.util.Map;

/** Signs a ledger transaction and queues it in the current database transaction's outbox. */
public class LedgerOutbox {

    private final TransactionSigner signer;
    private final Outbox outbox;

    public LedgerOutbox(TransactionSigner signer, Outbox outbox) {
        this.signer = signer;
        this.outbox = outbox;
    }

    public Transaction publish(String type, Map<String, Object> payload) {
        Transaction tx = signer.sign(type, payload);
        outbox.append(Topics.LEDGER_TX, null, tx.canonicalJson());
        return tx;
    }
}
