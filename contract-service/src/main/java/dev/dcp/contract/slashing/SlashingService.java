package dev.dcp.contract.slashing;

import dev.dcp.common.event.ShardAuditFailed;
import dev.dcp.common.event.WorkerOutvoted;
import dev.dcp.common.ledger.TransactionTypes;
import dev.dcp.contract.ContractProperties;
import dev.dcp.contract.account.AccountBook;
import dev.dcp.contract.account.Tenant;
import dev.dcp.contract.account.TenantRepository;
import dev.dcp.contract.provider.Worker;
import dev.dcp.contract.provider.WorkerRepository;
import dev.dcp.contract.slashing.domain.Slashing;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What an outvoted answer costs: the worker's run of valid answers starts again from zero, and its provider
 * loses a share of its stake ({@link Slashing}), burned by a {@code STAKE_SLASH} on the ledger. Once per
 * replica: the slash row is claimed first, so a redelivered event changes nothing.
 */
@Service
public class SlashingService {

    private static final Logger log = LoggerFactory.getLogger(SlashingService.class);

    private final JdbcTemplate jdbc;
    private final WorkerRepository workers;
    private final TenantRepository tenants;
    private final AccountBook book;
    private final Slashing slashing;
    private final Clock clock;

    SlashingService(
            JdbcTemplate jdbc,
            WorkerRepository workers,
            TenantRepository tenants,
            AccountBook book,
            ContractProperties properties,
            Clock clock) {
        this.jdbc = jdbc;
        this.workers = workers;
        this.tenants = tenants;
        this.book = book;
        this.slashing = Slashing.ofFraction(properties.slashFraction());
        this.clock = clock;
    }

    /** Returns the amount burned, or -1 if this replica was dealt with before. */
    @Transactional
    public long slash(WorkerOutvoted e) {
        return slash(
                e.replicaId(),
                "job",
                e.jobId(),
                e.workerKey(),
                String.valueOf(e.workerId()),
                "was outvoted on subtask " + e.index());
    }

    /**
     * A worker that failed the audit of a shard it keeps is slashed like a lying one; the transaction names the
     * object instead of a job. Returns the amount burned, or -1 if this challenge was dealt with before.
     */
    @Transactional
    public long slash(ShardAuditFailed e) {
        return slash(
                e.challengeId(),
                "object",
                e.cid() != null ? e.cid() : e.objectId(),
                e.workerKey(),
                String.valueOf(e.workerId()),
                "failed the audit of shard " + e.shardId() + ": " + e.reason());
    }

    private long slash(
            String claim, String subjectField, String subjectId, String workerKey, String workerIdSeen, String what) {
        Worker worker = workers.findByPublicKey(workerKey).orElse(null);
        String workerId = worker != null ? worker.getId() : workerIdSeen;
        String providerId = worker != null ? worker.getProviderId() : "";
        int claimed = jdbc.update(
                "insert into slashes (replica_id, job_id, worker_id, provider_id, amount, at) "
                        + "values (?, ?, ?, ?, 0, ?) on conflict (replica_id) do nothing",
                claim,
                subjectId,
                workerId,
                providerId,
                Timestamp.from(Instant.now(clock)));
        if (claimed == 0) {
            return -1;
        }
        if (worker == null) {
            log.warn(
                    "{} {}: key {} {}, which nobody enrolled; nothing to slash",
                    subjectField,
                    subjectId,
                    workerKey,
                    what);
            return 0;
        }
        Tenant provider = tenants.lockById(providerId).orElseThrow();
        workers.lockByPublicKeys(List.of(workerKey)).forEach(Worker::outvoted);
        long amount = slashing.amount(provider.getStake());
        if (amount > 0) {
            provider.slash(amount);
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("account", providerId);
            payload.put("amount", amount);
            payload.put(subjectField, subjectId);
            payload.put("reason", "worker " + workerId + " " + what);
            payload.put("worker", workerId);
            book.record(
                    TransactionTypes.STAKE_SLASH,
                    payload,
                    List.of(
                            "object".equals(subjectField)
                                    ? AccountBook.Line.ofObject(providerId, amount, subjectId)
                                    : new AccountBook.Line(providerId, amount, subjectId)));
            jdbc.update("update slashes set amount = ? where replica_id = ?", amount, claim);
        }
        return amount;
    }
}
