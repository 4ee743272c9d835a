package dev.dcp.contract.account;

import dev.dcp.common.ledger.Transaction;
import dev.dcp.common.outbox.LedgerOutbox;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Writes a movement of credits twice in the caller's database transaction: as a signed ledger transaction (through
 * the outbox) and as a line of each touched account's statement. Callers have changed the accounts already.
 */
@Component
public class AccountBook {

    /** A statement line for one account touched by the transaction, naming the job or the stored object. */
    public record Line(String tenantId, long amount, String jobId, String object) {

        public Line(String tenantId, long amount, String jobId) {
            this(tenantId, amount, jobId, null);
        }

        public static Line ofObject(String tenantId, long amount, String cid) {
            return new Line(tenantId, amount, null, cid);
        }
    }

    private final LedgerOutbox ledger;
    private final AccountEntryRepository entries;
    private final Clock clock;

    AccountBook(LedgerOutbox ledger, AccountEntryRepository entries, Clock clock) {
        this.ledger = ledger;
        this.entries = entries;
        this.clock = clock;
    }

    public Transaction record(String type, Map<String, Object> payload, List<Line> lines) {
        Transaction tx = ledger.publish(type, payload);
        Instant now = Instant.now(clock);
        entries.saveAll(lines.stream()
                .map(l -> new AccountEntry(l.tenantId(), tx.id(), type, l.amount(), l.jobId(), l.object(), now))
                .toList());
        return tx;
    }

    /** A fact without money in it (a tenant created, a worker enrolled). */
    public Transaction fact(String type, Map<String, Object> payload) {
        return ledger.publish(type, payload);
    }
}
