package dev.dcp.contract.account;

import dev.dcp.common.auth.Caller;
import dev.dcp.contract.account.domain.Quota;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.net.URI;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Tenants", description = "The admin creates tenants, deposits credits and sets quotas")
@RestController
@RequestMapping("/api/v1/tenants")
class TenantController {

    record CreateTenant(
            @NotBlank
            @Size(max = 200)
            // no control characters (NUL, escapes that rewrite a terminal, newlines that forge log lines)
            // and no unpaired UTF-16 surrogates: neither is a name, PostgreSQL stores neither faithfully
            @Pattern(
                    regexp = "[^\\p{Cc}\\p{Cs}]*",
                    message = "must not contain control characters or unpaired surrogates")
            String name,

            @NotNull @Pattern(regexp = "consumer|provider", message = "must be consumer or provider")
            String role) {}

    record TenantCreated(String id, String name, String role, String apiKey) {}

    record DepositRequest(
            @NotNull @Positive @Max(1_000_000_000_000_000L) Long amount) {}

    record DepositMade(String transactionId, long balance) {}

    /** A tenant's own limits; a null field falls back to the configured default. */
    record QuotaRequest(
            @Min(0) @Max(1_000_000) Integer concurrentJobs,
            @Min(0) @Max(100_000_000) Integer subtasksPerMinute,
            @Min(0) @Max(1L << 50) Long storageBytes) {}

    record QuotaView(int concurrentJobs, int subtasksPerMinute, long storageBytes) {}

    private final AccountService accounts;

    TenantController(AccountService accounts) {
        this.accounts = accounts;
    }

    @Operation(summary = "Creates a tenant (admin): its API key is in this answer only, stored hashed")
    @PostMapping
    ResponseEntity<TenantCreated> create(
            @RequestAttribute(Caller.ATTRIBUTE) Caller caller, @Valid @RequestBody CreateTenant request) {
        caller.requireAdmin();
        AccountService.CreatedTenant created = accounts.create(request.name().strip(), request.role());
        Tenant t = created.tenant();
        return ResponseEntity.created(URI.create("/api/v1/tenants/" + t.getId()))
                .body(new TenantCreated(t.getId(), t.getName(), t.getRole(), created.apiKey()));
    }

    @PostMapping("/{id}/deposits")
    ResponseEntity<DepositMade> deposit(
            @RequestAttribute(Caller.ATTRIBUTE) Caller caller,
            @PathVariable String id,
            @Valid @RequestBody DepositRequest request) {
        caller.requireAdmin();
        AccountService.Deposit deposit = accounts.deposit(id, request.amount());
        return ResponseEntity.status(201).body(new DepositMade(deposit.transactionId(), deposit.balance()));
    }

    @PutMapping("/{id}/quota")
    QuotaView quota(
            @RequestAttribute(Caller.ATTRIBUTE) Caller caller,
            @PathVariable String id,
            @Valid @RequestBody QuotaRequest request) {
        caller.requireAdmin();
        Quota q = accounts.setQuota(id, request.concurrentJobs(), request.subtasksPerMinute(), request.storageBytes());
        return new QuotaView(q.concurrentJobs(), q.subtasksPerMinute(), q.storageBytes());
    }
}
