package dev.dcp.common.ledger;

import dev.dcp.common.crypto.Ed25519;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Signs transactions for one sender. Nonces are strictly increasing and seeded from the clock in microseconds,
 * so a sender restarted with the same key never reuses one without having to persist a counter.
 */
public final class TransactionSigner {

    private final Ed25519.KeyPair keys;
    private final Clock clock;
    private final AtomicLong lastNonce = new AtomicLong();

    public TransactionSigner(Ed25519.KeyPair keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    public String publicKeyHex() {
        return keys.publicKeyHex();
    }

    public Transaction sign(String type, Map<String, Object> payload) {
        long now = clock.millis();
        long nonce = lastNonce.updateAndGet(last -> Math.max(last + 1, now * 1000));
        return Transaction.sign(type, payload, keys, nonce, now);
    }
}
