package dev.dcp.contract.account;

import dev.dcp.common.ledger.Transaction;
import dev.dcp.common.ledger.TransactionTypes;
import dev.dcp.common.web.ProblemException;
import dev.dcp.contract.ContractProperties;
import dev.dcp.contract.account.domain.Quota;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
public class AccountService {

    public record CreatedTenant(Tenant tenant, String apiKey) {}

    public record Deposit(String transactionId, long balance) {}

    private final TenantRepository tenants;
    private final AccountBook book;
    private final ContractProperties properties;
    private final Clock clock;

    AccountService(TenantRepository tenants, AccountBook book, ContractProperties properties, Clock clock) {
        this.tenants = tenants;
        this.book = book;
        this.properties = properties;
        this.clock = clock;
    }

    /** The limits admission applies to a tenant: its own where the admin set them, else the defaults. */
    public Quota quotaOf(Tenant tenant) {
        ContractProperties.Quota defaults = properties.quota();
        return Quota.of(
                tenant.getQuotaConcurrentJobs(),
                tenant.getQuotaSubtasksPerMinute(),
                tenant.getQuotaStorageBytes(),
                new Quota(
                        defaults.concurrentJobs(),
                        defaults.subtasksPerMinute(),
                        defaults.storage().toBytes()));
    }

    @Transactional
    public Quota setQuota(String tenantId, Integer concurrentJobs, Integer subtasksPerMinute, Long storageBytes) {
        Tenant tenant = tenants.lockById(tenantId).orElseThrow(() -> ProblemException.notFound("Tenant " + tenantId));
        tenant.setQuota(concurrentJobs, subtasksPerMinute, storageBytes);
        return quotaOf(tenant);
    }

    @Transactional
    public CreatedTenant create(String name, String role) {
        String key = ApiKeys.newKey();
        Tenant tenant = tenants.save(
                new Tenant(UUID.randomUUID().toString(), name, role, ApiKeys.hash(key), Instant.now(clock)));
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("account", tenant.getId());
        payload.put("role", role);
        book.fact(TransactionTypes.TENANT_CREATED, payload);
        return new CreatedTenant(tenant, key);
    }

    @Transactional
    public Deposit deposit(String tenantId, long amount) {
        Tenant tenant = tenants.lockById(tenantId).orElseThrow(() -> ProblemException.notFound("Tenant " + tenantId));
        tenant.credit(amount);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("account", tenantId);
        payload.put("amount", amount);
        Transaction tx =
                book.record(TransactionTypes.DEPOSIT, payload, List.of(new AccountBook.Line(tenantId, amount, null)));
        return new Deposit(tx.id(), tenant.getBalance());
    }
}
