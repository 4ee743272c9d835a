package dev.dcp.contract.bus;

import dev.dcp.common.auth.Caller;
import dev.dcp.common.web.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RestController;

/** A provider's credentials for its workers' bus connections (docs/security.md). */
@RestController
@Tag(name = "Providers", description = "A provider's stake and its workers' keys")
class BrokerCredentialController {

    private final BrokerCredentials credentials;

    BrokerCredentialController(BrokerCredentials credentials) {
        this.credentials = credentials;
    }

    /** Issues (or rotates) the provider's credential; the password is in this answer only. */
    @Operation(summary = "Issue or rotate the bus login of the provider's workers (shown once)")
    @PostMapping("/api/v1/providers/me/broker-credentials")
    ResponseEntity<BrokerCredentials.Issued> issue(@RequestAttribute(Caller.ATTRIBUTE) Caller caller) {
        return ResponseEntity.status(201).header("Cache-Control", "no-store").body(credentials.issue(provider(caller)));
    }

    @DeleteMapping("/api/v1/providers/me/broker-credentials")
    ResponseEntity<Void> revokeOwn(@RequestAttribute(Caller.ATTRIBUTE) Caller caller) {
        credentials.revoke(provider(caller), "revoked by the provider");
        return ResponseEntity.noContent().build();
    }

    /** The operator removes a provider from the bus. */
    @DeleteMapping("/api/v1/providers/{providerId}/broker-credentials")
    ResponseEntity<Void> revoke(@RequestAttribute(Caller.ATTRIBUTE) Caller caller, @PathVariable String providerId) {
        caller.requireAdmin();
        credentials.revoke(providerId, "revoked by the operator");
        return ResponseEntity.noContent().build();
    }

    private static String provider(Caller caller) {
        if (caller.role() != Caller.Role.PROVIDER) {
            throw ProblemException.forbidden("Only provider accounts hold broker credentials.");
        }
        return caller.tenantId();
    }
}
