package dev.dcp.contract.account;

import dev.dcp.common.auth.Caller;
import dev.dcp.common.web.Paging;
import dev.dcp.common.web.ProblemException;
import dev.dcp.contract.account.domain.Quota;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import org.springframework.data.domain.Limit;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Accounts", description = "A tenant's own account and statement")
@RestController
@RequestMapping("/api/v1/accounts/me")
class AccountController {

    /** API.md's fields, and the admission limits this tenant's jobs meet (429 past them). */
    record Account(
            String id,
            String name,
            String role,
            long balance,
            long escrowed,
            long stake,
            double reputation,
            Quota quota) {}

    record StatementLine(String transactionId, String type, long amount, String jobId, String object, Instant at) {}

    record Statement(List<StatementLine> items, String nextCursor) {}

    private final TenantRepository tenants;
    private final AccountEntryRepository entries;
    private final AccountService accounts;
    private final ProviderReputation providerReputation;

    AccountController(
            TenantRepository tenants,
            AccountEntryRepository entries,
            AccountService accounts,
            ProviderReputation providerReputation) {
        this.accounts = accounts;
        this.tenants = tenants;
        this.entries = entries;
        this.providerReputation = providerReputation;
    }

    @GetMapping
    Account me(@RequestAttribute(Caller.ATTRIBUTE) Caller caller) {
        Tenant t = tenant(caller);
        return new Account(
                t.getId(),
                t.getName(),
                t.getRole(),
                t.getBalance(),
                t.getEscrowed(),
                t.getStake(),
                t.isProvider() ? providerReputation.of(t.getId()) : t.getReputation(),
                accounts.quotaOf(t));
    }

    @GetMapping("/statement")
    Statement statement(
            @RequestAttribute(Caller.ATTRIBUTE) Caller caller,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        int size = Paging.limit(limit);
        long before = Long.MAX_VALUE;
        if (cursor != null) {
            try {
                before = Long.parseLong(cursor);
            } catch (NumberFormatException e) {
                throw ProblemException.invalid("cursor", "is not a cursor this API issued");
            }
        }
        Tenant t = tenant(caller);
        List<AccountEntry> page =
                entries.findByTenantIdAndSeqLessThanOrderBySeqDesc(t.getId(), before, Limit.of(size + 1));
        String next = null;
        if (page.size() > size) {
            page = page.subList(0, size);
            next = Long.toString(page.get(size - 1).getSeq());
        }
        return new Statement(
                page.stream()
                        .map(e -> new StatementLine(
                                e.getTransactionId(),
                                e.getType(),
                                e.getAmount(),
                                e.getJobId(),
                                e.getObject(),
                                e.getAt()))
                        .toList(),
                next);
    }

    private Tenant tenant(Caller caller) {
        if (caller.tenantId() == null) {
            throw ProblemException.forbidden("The admin has no account; use a tenant key.");
        }
        return tenants.findById(caller.tenantId()).orElseThrow(() -> ProblemException.notFound("Account"));
    }
}
