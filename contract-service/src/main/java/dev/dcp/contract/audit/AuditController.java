package dev.dcp.contract.audit;

import dev.dcp.common.auth.Caller;
import dev.dcp.contract.account.TenantRepository;
import dev.dcp.contract.audit.domain.CreditAudit;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RestController;

/**
 * The admin's check of the money: conservation and non-negativity over contract-service's own accounts (one
 * consistent snapshot), and the comparison with the ledger's replay. Transactions still in flight to the ledger
 * ({@code pendingTransactions}) show as mismatches until they are in a block; with none pending, any mismatch is
 * a fault.
 */
@Tag(name = "Audit", description = "The admin's check that credits are conserved")
@RestController
class AuditController {

    private static final Logger log = LoggerFactory.getLogger(AuditController.class);

    record Ledger(boolean reachable, Long height, Boolean matches, List<CreditAudit.Mismatch> mismatches) {}

    record Report(
            boolean conserved,
            long deposits,
            long slashed,
            long held,
            List<String> negativeAccounts,
            long accounts,
            long pendingTransactions,
            Ledger ledger) {}

    private final TenantRepository tenants;
    private final JdbcTemplate jdbc;
    private final LedgerReplay replay;

    AuditController(TenantRepository tenants, JdbcTemplate jdbc, LedgerReplay replay) {
        this.tenants = tenants;
        this.jdbc = jdbc;
        this.replay = replay;
    }

    @GetMapping("/api/v1/audit/credits")
    @Transactional(readOnly = true, isolation = org.springframework.transaction.annotation.Isolation.REPEATABLE_READ)
    Report credits(@RequestAttribute(Caller.ATTRIBUTE) Caller caller) {
        caller.requireAdmin();
        List<CreditAudit.AccountState> accounts = tenants.findAll().stream()
                .map(t -> new CreditAudit.AccountState(t.getId(), t.getBalance(), t.getEscrowed(), t.getStake()))
                .toList();
        long deposits = sum("DEPOSIT");
        long slashed = sum("STAKE_SLASH");
        long pending = jdbc.queryForObject("select count(*) from outbox where topic = 'dcp.ledger.tx'", Long.class);
        CreditAudit.Conservation c = CreditAudit.conservation(accounts, deposits, slashed);
        Ledger ledger;
        try {
            LedgerReplay.Replayed replayed = replay.read();
            List<CreditAudit.Mismatch> mismatches = CreditAudit.compare(accounts, replayed.accounts());
            ledger = new Ledger(true, replayed.height(), mismatches.isEmpty(), mismatches);
        } catch (RuntimeException e) {
            log.warn("the audit could not read the ledger's replay: {}", e.toString());
            ledger = new Ledger(false, null, null, List.of());
        }
        return new Report(c.conserved(), deposits, slashed, c.held(), c.negative(), accounts.size(), pending, ledger);
    }

    private long sum(String type) {
        return jdbc.queryForObject(
                "select coalesce(sum(amount), 0) from account_entries where type = ?", Long.class, type);
    }
}
