package dev.dcp.contract.provider;

import dev.dcp.common.ledger.TransactionTypes;
import dev.dcp.common.web.ProblemException;
import dev.dcp.contract.ContractProperties;
import dev.dcp.contract.account.AccountBook;
import dev.dcp.contract.account.Tenant;
import dev.dcp.contract.account.TenantRepository;
import dev.dcp.contract.provider.domain.Staking;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Stake and worker enrolment: what makes a provider's workers eligible for work. */
@Service
public class ProviderService {

    public record Stake(long stake, Instant lockedUntil, long balance) {}

    /** An enrolled worker as the scheduler needs it: eligible when its provider holds the minimum stake. */
    public record Enrolment(
            String workerId,
            String publicKey,
            String providerId,
            int slots,
            long pricePerCpuSecond,
            Long storageBytes,
            long pricePerGiBDay,
            double reputation,
            long consecutiveValid,
            boolean trusted,
            long accepted,
            long rejected,
            boolean eligible) {}

    private final TenantRepository tenants;
    private final WorkerRepository workers;
    private final AccountBook book;
    private final ContractProperties properties;
    private final Clock clock;

    ProviderService(
            TenantRepository tenants,
            WorkerRepository workers,
            AccountBook book,
            ContractProperties properties,
            Clock clock) {
        this.tenants = tenants;
        this.workers = workers;
        this.book = book;
        this.properties = properties;
        this.clock = clock;
    }

    @Transactional
    public Stake bond(String providerId, long amount, int lockDays) {
        Tenant provider = lockProvider(providerId);
        Optional<Staking.Refusal> refusal = Staking.bondRefusal(amount, provider.getBalance());
        if (refusal.isPresent()) {
            throw problem(refusal.get());
        }
        provider.bond(amount, Staking.lockEnd(Instant.now(clock), lockDays));
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("account", providerId);
        payload.put("amount", amount);
        payload.put("lockDays", lockDays);
        book.record(TransactionTypes.STAKE_BOND, payload, List.of(new AccountBook.Line(providerId, amount, null)));
        return new Stake(provider.getStake(), provider.getStakeLockedUntil(), provider.getBalance());
    }

    @Transactional
    public Stake unbond(String providerId, long amount) {
        Tenant provider = lockProvider(providerId);
        Optional<Staking.Refusal> refusal =
                Staking.unbondRefusal(amount, provider.getStake(), provider.getStakeLockedUntil(), Instant.now(clock));
        if (refusal.isPresent()) {
            throw problem(refusal.get());
        }
        provider.unbond(amount);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("account", providerId);
        payload.put("amount", amount);
        book.record(TransactionTypes.STAKE_UNBOND, payload, List.of(new AccountBook.Line(providerId, amount, null)));
        return new Stake(provider.getStake(), provider.getStakeLockedUntil(), provider.getBalance());
    }

    @Transactional
    public Worker enrol(
            String providerId,
            String publicKey,
            int slots,
            long pricePerCpuSecond,
            long storageBytes,
            long pricePerGiBDay) {
        lockProvider(providerId);
        if (workers.findByPublicKey(publicKey).isPresent() || workers.existsById(Worker.idOf(publicKey))) {
            throw new ProblemException(
                    HttpStatus.CONFLICT,
                    "Worker already enrolled",
                    "The key " + publicKey + " (or one with the same id) is already enrolled");
        }
        Worker worker = workers.save(new Worker(
                providerId, publicKey, slots, pricePerCpuSecond, storageBytes, pricePerGiBDay, Instant.now(clock)));
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("worker", worker.getId());
        payload.put("provider", providerId);
        payload.put("publicKey", publicKey);
        payload.put("slots", slots);
        payload.put("pricePerCpuSecond", pricePerCpuSecond);
        if (storageBytes > 0) {
            payload.put("storageBytes", storageBytes);
            payload.put("pricePerGiBDay", pricePerGiBDay);
        }
        book.fact(TransactionTypes.WORKER_ENROLLED, payload);
        return worker;
    }

    @Transactional(readOnly = true)
    public List<Enrolment> enrolments() {
        Map<String, Long> stakes = new LinkedHashMap<>();
        return workers.findAll().stream()
                .map(w -> {
                    long stake = stakes.computeIfAbsent(
                            w.getProviderId(),
                            id -> tenants.findById(id).map(Tenant::getStake).orElse(0L));
                    return enrolment(w, stake);
                })
                .toList();
    }

    @Transactional(readOnly = true)
    public List<Enrolment> enrolmentsOf(String providerId) {
        long stake = tenants.findById(providerId).map(Tenant::getStake).orElse(0L);
        return workers.findByProviderId(providerId).stream()
                .map(w -> enrolment(w, stake))
                .toList();
    }

    private Enrolment enrolment(Worker w, long providerStake) {
        return new Enrolment(
                w.getId(),
                w.getPublicKey(),
                w.getProviderId(),
                w.getSlots(),
                w.getPricePerCpuSecond(),
                w.getStorageBytes(),
                w.getPricePerGiBDay(),
                w.reputation().score(),
                w.reputation().consecutiveValid(),
                w.reputation().trusted(properties.trustedAfter()),
                w.getAccepted(),
                w.getRejected(),
                Staking.eligible(providerStake, properties.minStake()));
    }

    private static ProblemException problem(Staking.Refusal refusal) {
        if (refusal instanceof Staking.InsufficientBalance r) {
            return new ProblemException(
                    HttpStatus.PAYMENT_REQUIRED,
                    "Insufficient credits",
                    "A stake of " + r.amount() + " micro-credits needs that much balance; the balance is "
                            + r.balance());
        }
        if (refusal instanceof Staking.StakeLocked r) {
            return new ProblemException(
                    HttpStatus.CONFLICT, "Stake is locked", "The stake is locked until " + r.until());
        }
        Staking.NotThatMuchStake r = (Staking.NotThatMuchStake) refusal;
        return new ProblemException(
                HttpStatus.CONFLICT,
                "Not that much stake",
                "Cannot unbond " + r.amount() + " micro-credits of a stake of " + r.stake());
    }

    private Tenant lockProvider(String providerId) {
        Tenant provider = tenants.lockById(providerId).orElseThrow(() -> ProblemException.notFound("Account"));
        if (!provider.isProvider()) {
            throw ProblemException.forbidden("Only provider accounts stake and enrol workers.");
        }
        return provider;
    }
}
