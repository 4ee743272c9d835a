package dev.dcp.contract.account;

import dev.dcp.common.ledger.Transaction;
import dev.dcp.common.ledger.TransactionTypes;
import dev.dcp.common.web.ProblemException;
import dev.dcp.common.outbox.LedgerOutbox;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
public class AccountService {

    public record CreatedTenant(Tenant tenant, String apiKey) {
    }

    public record Deposit(String transactionId, long balance) {
    }

    private final TenantRepository tenants;
    private final AccountEntryRepository entries;
    private final LedgerOutbox ledger;
    private final Clock clock = Clock.systemUTC();

    AccountService(TenantRepository tenants, AccountEntryRepository entries, LedgerOutbox ledger) {
        this.tenants = tenants;
        this.entries = entries;
        this.ledger = ledger;
    }

    @Transactional
    public CreatedTenant create(String name, String role) {
        String key = ApiKeys.newKey();
        Tenant tenant = tenants.save(new Tenant(UUID.randomUUID().toString(), name, role, ApiKeys.hash(key),
                Instant.now(clock)));
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("account", tenant.getId());
        payload.put("role", role);
        ledger.publish(TransactionTypes.TENANT_CREATED, payload);
        return new CreatedTenant(tenant, key);
    }

    @Transactional
    public Deposit deposit(String tenantId, long amount) {
        Tenant tenant = tenants.lockById(tenantId).orElseThrow(() -> ProblemException.notFound("Tenant " + tenantId));
        tenant.credit(amount);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("account", tenantId);
        payload.put("amount", amount);
        Transaction tx = ledger.publish(TransactionTypes.DEPOSIT, payload);
        entries.save(new AccountEntry(tenantId, tx.id(), TransactionTypes.DEPOSIT, amount, null, Instant.now(clock)));
        return new Deposit(tx.id(), tenant.getBalance());
    }
}
