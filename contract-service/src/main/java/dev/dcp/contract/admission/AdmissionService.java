package dev.dcp.contract.admission;

import dev.dcp.common.ledger.TransactionTypes;
import dev.dcp.common.web.ProblemException;
import dev.dcp.contract.account.AccountBook;
import dev.dcp.contract.account.AccountService;
import dev.dcp.contract.account.Tenant;
import dev.dcp.contract.account.TenantRepository;
import dev.dcp.contract.account.domain.Quota;
import dev.dcp.contract.admission.domain.AdmissionRules;
import dev.dcp.contract.escrow.Escrow;
import dev.dcp.contract.escrow.EscrowRepository;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Admits a job or refuses it with nothing changed ({@link AdmissionRules}: the quotas, 400 or 429, and the balance,
 * 402, then the subtask rate, 429), then the job's maxCredits move into escrow and onto the ledger. Asking again for
 * the same job returns the same admission.
 */
@Service
public class AdmissionService {

    public record Admitted(String jobId, long escrowed, long balance) {}

    private final TenantRepository tenants;
    private final EscrowRepository escrows;
    private final AccountService accounts;
    private final AccountBook book;
    private final SubtaskRate rate;
    private final Clock clock;

    AdmissionService(
            TenantRepository tenants,
            EscrowRepository escrows,
            AccountService accounts,
            AccountBook book,
            SubtaskRate rate,
            Clock clock) {
        this.tenants = tenants;
        this.escrows = escrows;
        this.accounts = accounts;
        this.book = book;
        this.rate = rate;
        this.clock = clock;
    }

    @Transactional
    public Admitted admit(String jobId, String tenantId, long maxCredits, int subtasks) {
        Tenant tenant = tenants.lockById(tenantId).orElseThrow(() -> ProblemException.notFound("Tenant " + tenantId));
        Escrow existing = escrows.findById(jobId).orElse(null);
        if (existing != null) {
            if (!existing.getTenantId().equals(tenantId) || existing.getAmount() != maxCredits) {
                throw new ProblemException(
                        HttpStatus.CONFLICT, "Job already admitted", "Job " + jobId + " was admitted with other terms");
            }
            return new Admitted(jobId, existing.getAmount(), tenant.getBalance());
        }
        Quota quota = accounts.quotaOf(tenant);
        long running = escrows.countByTenantIdAndStatus(tenantId, Escrow.HELD);
        Optional<AdmissionRules.Refusal> refusal =
                AdmissionRules.refusal(quota, running, tenant.getBalance(), maxCredits, subtasks);
        if (refusal.isPresent()) {
            throw problem(refusal.get());
        }
        long wait = rate.tryTake(tenantId, quota.subtasksPerMinute(), subtasks);
        if (wait > 0) {
            throw problem(new AdmissionRules.SubtaskRateExceeded(quota.subtasksPerMinute(), subtasks, wait));
        }
        tenant.lockEscrow(maxCredits);
        escrows.save(new Escrow(jobId, tenantId, maxCredits, subtasks, Instant.now(clock)));
        if (maxCredits > 0) {
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("account", tenantId);
            payload.put("job", jobId);
            payload.put("amount", maxCredits);
            book.record(
                    TransactionTypes.ESCROW_LOCK, payload, List.of(new AccountBook.Line(tenantId, maxCredits, jobId)));
        }
        return new Admitted(jobId, maxCredits, tenant.getBalance());
    }

    private static ProblemException problem(AdmissionRules.Refusal refusal) {
        if (refusal instanceof AdmissionRules.TooManySubtasks r) {
            return ProblemException.invalid(
                    "parallelism",
                    "makes " + r.subtasks() + " subtasks, more than this " + "tenant's quota of "
                            + r.subtasksPerMinute() + " subtasks per minute");
        }
        if (refusal instanceof AdmissionRules.TooManyRunningJobs r) {
            return new ProblemException(
                    HttpStatus.TOO_MANY_REQUESTS,
                    "Too many running jobs",
                    "This tenant may run " + r.concurrentJobs() + " jobs at once and has " + r.running()
                            + "; submit again when one has ended",
                    List.of(),
                    r.retryAfterSeconds());
        }
        if (refusal instanceof AdmissionRules.InsufficientCredits r) {
            return new ProblemException(
                    HttpStatus.PAYMENT_REQUIRED,
                    "Insufficient credits",
                    "maxCredits is " + r.maxCredits() + " micro-credits but the balance is " + r.balance());
        }
        AdmissionRules.SubtaskRateExceeded r = (AdmissionRules.SubtaskRateExceeded) refusal;
        return new ProblemException(
                HttpStatus.TOO_MANY_REQUESTS,
                "Subtask quota exceeded",
                "This tenant may submit " + r.subtasksPerMinute() + " subtasks per minute; " + r.subtasks()
                        + " more fit in " + r.retryAfterSeconds() + " s",
                List.of(),
                r.retryAfterSeconds());
    }
}
