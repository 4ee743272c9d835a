package dev.dcp.contract.storage;

import dev.dcp.common.json.CanonicalJson;
import dev.dcp.common.ledger.TransactionTypes;
import dev.dcp.common.web.ProblemException;
import dev.dcp.contract.account.AccountBook;
import dev.dcp.contract.account.AccountService;
import dev.dcp.contract.account.Tenant;
import dev.dcp.contract.account.TenantRepository;
import dev.dcp.contract.provider.Worker;
import dev.dcp.contract.provider.WorkerRepository;
import dev.dcp.contract.storage.domain.StorageBilling;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Money for stored objects ({@link StorageBilling}): a lease opens with the escrow for the object's whole retention
 * and an {@code OBJECT_STORED} fact, pays the workers holding audited shards period by period, and closes once with
 * the rest released and an {@code OBJECT_DELETED}. Every movement uses the job types, naming {@code object} (the
 * CID) where they name {@code job}, so the ledger's replay of balances is unchanged. Each call is idempotent: a
 * retry finds the lease as the first call left it.
 */
@Service
public class StorageLeaseService {

    private static final Logger log = LoggerFactory.getLogger(StorageLeaseService.class);

    /** What a tenant may still store, asked before an upload starts. */
    public record Quote(long quotaBytes, long storedBytes, long remainingBytes) {}

    public record Terms(
            UUID objectId,
            String tenantId,
            String cid,
            long size,
            int k,
            int m,
            int days,
            String merkleRoot,
            Collection<String> workerIds) {}

    /** A lease as it stands; {@code paidNow} is what this call paid out (0 on a repeat). */
    public record LeaseView(
            UUID objectId,
            String cid,
            String status,
            long escrowed,
            long pricePerGiBDay,
            long paid,
            long released,
            Instant paidThrough,
            Instant retentionEnd,
            long paidNow) {}

    private final StorageLeaseRepository leases;
    private final TenantRepository tenants;
    private final WorkerRepository workers;
    private final AccountService accounts;
    private final AccountBook book;
    private final Clock clock;

    StorageLeaseService(
            StorageLeaseRepository leases,
            TenantRepository tenants,
            WorkerRepository workers,
            AccountService accounts,
            AccountBook book,
            Clock clock) {
        this.leases = leases;
        this.tenants = tenants;
        this.workers = workers;
        this.accounts = accounts;
        this.book = book;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public Quote quote(String tenantId) {
        Tenant tenant = tenants.findById(tenantId).orElseThrow(() -> ProblemException.notFound("Tenant " + tenantId));
        long quota = accounts.quotaOf(tenant).storageBytes();
        long stored = leases.storedBytes(tenantId);
        return new Quote(quota, stored, Math.max(0, quota - stored));
    }

    /**
     * Opens the lease of a fully stored object, priced at the dearest enrolled worker among those holding its
     * shards; refused with nothing changed when over quota (413), too dear for a ledger amount (400) or for the
     * balance (402).
     */
    @Transactional
    public LeaseView open(Terms terms) {
        Tenant tenant = tenants.lockById(terms.tenantId())
                .orElseThrow(() -> ProblemException.notFound("Tenant " + terms.tenantId()));
        Optional<StorageLease> existing = leases.findById(terms.objectId());
        if (existing.isPresent()) {
            StorageLease lease = existing.get();
            if (!lease.sameTerms(terms.tenantId(), terms.cid(), terms.size(), terms.k(), terms.m(), terms.days())) {
                throw new ProblemException(
                        HttpStatus.CONFLICT,
                        "Object already leased",
                        "Object " + terms.objectId() + " was leased with other terms");
            }
            return view(lease, 0);
        }
        long price = workers.findAllById(terms.workerIds()).stream()
                .mapToLong(Worker::getPricePerGiBDay)
                .max()
                .orElse(0);
        BigInteger escrow = StorageBilling.escrow(terms.size(), terms.k(), terms.m(), terms.days(), price);
        Optional<StorageBilling.Refusal> refusal = StorageBilling.refusal(
                accounts.quotaOf(tenant).storageBytes(),
                leases.storedBytes(terms.tenantId()),
                terms.size(),
                escrow,
                CanonicalJson.MAX_SAFE_INTEGER,
                tenant.getBalance());
        if (refusal.isPresent()) {
            throw problem(refusal.get(), terms.days());
        }
        long amount = escrow.longValueExact();
        Instant now = clock.instant();
        StorageLease lease = leases.save(new StorageLease(
                terms.objectId(),
                terms.tenantId(),
                terms.cid(),
                terms.size(),
                terms.k(),
                terms.m(),
                terms.days(),
                terms.merkleRoot(),
                price,
                amount,
                now));
        Map<String, Object> fact = new LinkedHashMap<>();
        fact.put("object", terms.cid());
        fact.put("tenant", terms.tenantId());
        fact.put("size", terms.size());
        fact.put("merkleRoot", terms.merkleRoot());
        fact.put("k", terms.k());
        fact.put("m", terms.m());
        fact.put("days", terms.days());
        fact.put("pricePerGiBDay", price);
        book.fact(TransactionTypes.OBJECT_STORED, fact);
        if (amount > 0) {
            tenant.lockEscrow(amount);
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("account", terms.tenantId());
            payload.put("object", terms.cid());
            payload.put("amount", amount);
            book.record(
                    TransactionTypes.ESCROW_LOCK,
                    payload,
                    List.of(AccountBook.Line.ofObject(terms.tenantId(), amount, terms.cid())));
        }
        return view(lease, 0);
    }

    /** Pays the workers holding audited shards for the time from the lease's last payment up to {@code through}. */
    @Transactional
    public LeaseView pay(UUID objectId, Instant through, List<StorageBilling.Holding> holdings) {
        StorageLease lease = lock(objectId);
        return view(lease, lease.isClosed() ? 0 : payUpTo(lease, through, holdings, false));
    }

    /**
     * Pays up to {@code through} for what is held, then releases the rest of the escrow to the tenant and records
     * the object's end. A closed lease is returned as it is.
     */
    @Transactional
    public LeaseView close(UUID objectId, Instant through, List<StorageBilling.Holding> holdings, String reason) {
        StorageLease lease = lock(objectId);
        if (lease.isClosed()) {
            return view(lease, 0);
        }
        long paidNow = payUpTo(lease, through, holdings, true);
        Tenant tenant = tenants.lockById(lease.getTenantId()).orElseThrow();
        long rest = lease.close(clock.instant(), reason);
        if (rest > 0) {
            tenant.closeEscrow(rest, 0);
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("account", lease.getTenantId());
            payload.put("object", lease.getCid());
            payload.put("amount", rest);
            book.record(
                    TransactionTypes.ESCROW_RELEASE,
                    payload,
                    List.of(AccountBook.Line.ofObject(lease.getTenantId(), rest, lease.getCid())));
        }
        Map<String, Object> fact = new LinkedHashMap<>();
        fact.put("object", lease.getCid());
        fact.put("tenant", lease.getTenantId());
        fact.put("reason", reason);
        book.fact(TransactionTypes.OBJECT_DELETED, fact);
        return view(lease, paidNow);
    }

    /** {@code last}: the lease closes after this, so even a span too short to pay everyone is settled. */
    private long payUpTo(StorageLease lease, Instant through, List<StorageBilling.Holding> holdings, boolean last) {
        boolean ended = !through.isBefore(lease.retentionEnd());
        Instant end = ended ? lease.retentionEnd() : through;
        long seconds = Duration.between(lease.getPaidThrough(), end).getSeconds();
        if (seconds <= 0) {
            return 0; // paid through there already: a retry, or a second scheduler
        }
        // whole seconds only, so what is left of a second is paid with the next period, not lost
        Instant paidThrough = lease.getPaidThrough().plusSeconds(seconds);
        Set<String> ids =
                holdings.stream().map(StorageBilling.Holding::workerId).collect(Collectors.toSet());
        Map<String, StorageBilling.Rate> rates = new HashMap<>();
        for (Worker w : workers.findAllById(ids)) {
            rates.put(w.getId(), new StorageBilling.Rate(w.getProviderId(), w.getPricePerGiBDay()));
        }
        StorageBilling.Plan plan = StorageBilling.period(lease.getK(), seconds, holdings, rates, lease.escrowLeft());
        if (!plan.whole() && !last && !ended) {
            return 0; // someone's pay would round to nothing: the span grows into the next period instead
        }
        if (!plan.unknownWorkers().isEmpty()) {
            log.warn(
                    "object {}: shards on workers nobody enrolled go unpaid: {}",
                    lease.getCid(),
                    plan.unknownWorkers());
        }
        if (!plan.payments().isEmpty()) {
            Set<String> accountIds = new TreeSet<>();
            accountIds.add(lease.getTenantId());
            plan.payments().forEach(p -> accountIds.add(p.providerId()));
            Map<String, Tenant> locked = new HashMap<>();
            tenants.lockAll(accountIds).forEach(t -> locked.put(t.getId(), t));
            Tenant payer = locked.get(lease.getTenantId());
            for (StorageBilling.Payment p : plan.payments()) {
                payer.closeEscrow(p.amount(), p.amount());
                locked.get(p.providerId()).credit(p.amount());
                Map<String, Object> payload = new LinkedHashMap<>();
                payload.put("from", lease.getTenantId());
                payload.put("to", p.providerId());
                payload.put("object", lease.getCid());
                payload.put("amount", p.amount());
                payload.put("worker", p.workerId());
                payload.put("through", paidThrough.toString());
                book.record(
                        TransactionTypes.PAYMENT,
                        payload,
                        List.of(
                                AccountBook.Line.ofObject(lease.getTenantId(), p.amount(), lease.getCid()),
                                AccountBook.Line.ofObject(p.providerId(), p.amount(), lease.getCid())));
            }
        }
        lease.paid(plan.paid(), paidThrough);
        return plan.paid();
    }

    private StorageLease lock(UUID objectId) {
        return leases.lockById(objectId).orElseThrow(() -> ProblemException.notFound("Lease of object " + objectId));
    }

    private static LeaseView view(StorageLease l, long paidNow) {
        return new LeaseView(
                l.getObjectId(),
                l.getCid(),
                l.getStatus(),
                l.getAmount(),
                l.getPricePerGiBDay(),
                l.getPaid(),
                l.getReleased(),
                l.getPaidThrough(),
                l.retentionEnd(),
                paidNow);
    }

    private static ProblemException problem(StorageBilling.Refusal refusal, int days) {
        if (refusal instanceof StorageBilling.OverQuota r) {
            return new ProblemException(
                    HttpStatus.CONTENT_TOO_LARGE,
                    "Storage quota exceeded",
                    "The object's " + r.size() + " bytes do not fit in this tenant's storage quota of "
                            + r.quotaBytes() + " bytes, of which " + r.storedBytes()
                            + " are in use; nothing was stored.");
        }
        if (refusal instanceof StorageBilling.EscrowTooLarge r) {
            return ProblemException.invalid(
                    "days",
                    "keeping this object " + days + " days would cost " + r.escrow() + " micro-credits, "
                            + "more than one ledger amount holds");
        }
        StorageBilling.InsufficientCredits r = (StorageBilling.InsufficientCredits) refusal;
        return new ProblemException(
                HttpStatus.PAYMENT_REQUIRED,
                "Insufficient credits",
                "Keeping this object " + days + " days escrows " + r.escrow() + " micro-credits but the balance is "
                        + r.balance() + "; nothing was stored.");
    }
}
