package dev.dcp.contract.account;

import dev.dcp.common.auth.Caller;
import dev.dcp.common.web.ProblemException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** For the gateway: which tenant holds the key with this hash. The key itself never leaves the gateway. */
@RestController
class KeyResolutionController {

    record Resolve(@NotBlank String keyHash) {}

    record Resolved(String tenantId, String role) {}

    private final TenantRepository tenants;

    KeyResolutionController(TenantRepository tenants) {
        this.tenants = tenants;
    }

    @PostMapping("/internal/keys/resolve")
    Resolved resolve(@RequestAttribute(Caller.ATTRIBUTE) Caller caller, @Valid @RequestBody Resolve request) {
        caller.requireAdmin();
        Tenant t = tenants.findByApiKeyHash(request.keyHash()).orElseThrow(() -> ProblemException.notFound("Key"));
        return new Resolved(t.getId(), t.getRole());
    }
}
