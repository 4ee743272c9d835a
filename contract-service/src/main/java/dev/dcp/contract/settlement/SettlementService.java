package dev.dcp.contract.settlement;

import dev.dcp.common.ledger.TransactionTypes;
import dev.dcp.contract.account.AccountBook;
import dev.dcp.contract.account.Tenant;
import dev.dcp.contract.account.TenantRepository;
import dev.dcp.contract.escrow.Escrow;
import dev.dcp.contract.escrow.EscrowRepository;
import dev.dcp.contract.provider.Worker;
import dev.dcp.contract.provider.WorkerRepository;
import dev.dcp.contract.settlement.domain.Payouts;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Closes a job's escrow exactly once: pays the workers whose answers were accepted ({@link Payouts}), releases
 * the rest to the tenant, credits the workers' reputations, and records every movement on the ledger. A second
 * request for the same job (a retry, a redelivered event) finds the escrow settled and returns what was paid.
 */
@Service
public class SettlementService {

    private static final Logger log = LoggerFactory.getLogger(SettlementService.class);

    /** How a job ended, whose accepted work it holds, and how many of its kind's units a CPU-second's price buys. */
    public record JobOutcome(
            String jobId, String tenantId, String outcome, long unitsPerReferenceCpuSecond, List<Payouts.Work> work) {}

    /** {@code cost} is what the workers were paid; {@code repeated} when the job had been settled before. */
    public record Settled(String jobId, long cost, long released, boolean repeated) {}

    private final EscrowRepository escrows;
    private final TenantRepository tenants;
    private final WorkerRepository workers;
    private final AccountBook book;
    private final Clock clock;

    SettlementService(
            EscrowRepository escrows,
            TenantRepository tenants,
            WorkerRepository workers,
            AccountBook book,
            Clock clock) {
        this.escrows = escrows;
        this.tenants = tenants;
        this.workers = workers;
        this.book = book;
        this.clock = clock;
    }

    @Transactional
    public Settled settle(JobOutcome job) {
        Escrow escrow = escrows.lockByJobId(job.jobId()).orElse(null);
        if (escrow == null) {
            // admitted before escrows existed, or never admitted: there is nothing to pay from
            log.warn("job {} ended {} without an escrow; nothing to settle", job.jobId(), job.outcome());
            return new Settled(job.jobId(), 0, 0, false);
        }
        if (escrow.isSettled()) {
            return new Settled(job.jobId(), escrow.getPaid(), escrow.getReleased(), true);
        }
        String payer = escrow.getTenantId();
        Set<String> keys = job.work().stream().map(Payouts.Work::workerKey).collect(Collectors.toSet());
        Map<String, Worker> enrolled = keys.isEmpty()
                ? Map.of()
                : workers.findByPublicKeyIn(keys).stream()
                        .collect(Collectors.toMap(Worker::getPublicKey, Function.identity()));
        Map<String, Payouts.Rate> rates = new HashMap<>();
        enrolled.forEach(
                (key, w) -> rates.put(key, new Payouts.Rate(w.getId(), w.getProviderId(), w.getPricePerCpuSecond())));
        Payouts.Plan plan = Payouts.plan(job.unitsPerReferenceCpuSecond(), escrow.getAmount(), job.work(), rates);
        if (!plan.unknownWorkers().isEmpty()) {
            log.warn(
                    "job {}: accepted work of keys nobody enrolled goes unpaid: {}",
                    job.jobId(),
                    plan.unknownWorkers());
        }

        Set<String> accounts = new TreeSet<>();
        accounts.add(payer);
        plan.payments().forEach(p -> accounts.add(p.providerId()));
        Map<String, Tenant> locked = new HashMap<>();
        tenants.lockAll(accounts).forEach(t -> locked.put(t.getId(), t));
        Tenant tenant = locked.get(payer);
        tenant.closeEscrow(escrow.getAmount(), plan.paid());
        for (Payouts.Payment p : plan.payments()) {
            locked.get(p.providerId()).credit(p.amount());
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("from", payer);
            payload.put("to", p.providerId());
            payload.put("job", job.jobId());
            payload.put("amount", p.amount());
            payload.put("worker", p.workerId());
            book.record(
                    TransactionTypes.PAYMENT,
                    payload,
                    List.of(
                            new AccountBook.Line(payer, p.amount(), job.jobId()),
                            new AccountBook.Line(p.providerId(), p.amount(), job.jobId())));
        }
        if (plan.released() > 0) {
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("account", payer);
            payload.put("job", job.jobId());
            payload.put("amount", plan.released());
            book.record(
                    TransactionTypes.ESCROW_RELEASE,
                    payload,
                    List.of(new AccountBook.Line(payer, plan.released(), job.jobId())));
        }
        Map<String, Integer> acceptedByKey = new HashMap<>();
        job.work().forEach(w -> acceptedByKey.merge(w.workerKey(), w.replicas(), Integer::sum));
        List<String> known = new ArrayList<>(enrolled.keySet());
        if (!known.isEmpty()) {
            for (Worker w : workers.lockByPublicKeys(known)) {
                w.answersAccepted(acceptedByKey.getOrDefault(w.getPublicKey(), 0));
            }
        }
        escrow.settle(job.outcome(), plan.paid(), plan.released(), Instant.now(clock));
        return new Settled(job.jobId(), plan.paid(), plan.released(), false);
    }
}
