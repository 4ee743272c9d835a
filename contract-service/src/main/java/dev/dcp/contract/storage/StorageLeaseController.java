package dev.dcp.contract.storage;

import dev.dcp.common.auth.Caller;
import dev.dcp.contract.storage.domain.StorageBilling;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** For the scheduler, which keeps the objects: what a tenant may store, and each object's lease and payments. */
@RestController
class StorageLeaseController {

    record OpenRequest(
            @NotNull UUID objectId,
            @NotBlank String tenantId,
            @NotBlank @Size(max = 80) String cid,
            @NotNull @PositiveOrZero Long size,
            @NotNull @Min(1) @Max(255) Integer k,
            @NotNull @Min(0) @Max(255) Integer m,
            @NotNull @Min(1) @Max(36_500) Integer days,
            @NotNull @Pattern(regexp = "[0-9a-f]{64}") String merkleRoot,
            @NotNull List<@NotBlank String> workerIds) {}

    record HoldingRequest(
            @NotBlank String workerId,
            @NotNull @PositiveOrZero Long segmentBytes) {}

    /** Pays for what is held up to {@code through}; {@code reason} is only read when closing. */
    record PeriodRequest(
            @NotNull Instant through,
            @NotNull List<@Valid @NotNull HoldingRequest> holdings,

            @Pattern(regexp = "deleted|expired|abandoned|duplicate")
            String reason) {

        List<StorageBilling.Holding> domain() {
            return holdings.stream()
                    .map(h -> new StorageBilling.Holding(h.workerId(), h.segmentBytes()))
                    .toList();
        }
    }

    private final StorageLeaseService leases;

    StorageLeaseController(StorageLeaseService leases) {
        this.leases = leases;
    }

    @GetMapping("/internal/storage/quotes")
    StorageLeaseService.Quote quote(@RequestAttribute(Caller.ATTRIBUTE) Caller caller, @RequestParam String tenantId) {
        caller.requireAdmin();
        return leases.quote(tenantId);
    }

    @PostMapping("/internal/storage/leases")
    ResponseEntity<StorageLeaseService.LeaseView> open(
            @RequestAttribute(Caller.ATTRIBUTE) Caller caller, @Valid @RequestBody OpenRequest r) {
        caller.requireAdmin();
        return ResponseEntity.status(201)
                .body(leases.open(new StorageLeaseService.Terms(
                        r.objectId(),
                        r.tenantId(),
                        r.cid(),
                        r.size(),
                        r.k(),
                        r.m(),
                        r.days(),
                        r.merkleRoot(),
                        r.workerIds())));
    }

    @PostMapping("/internal/storage/leases/{objectId}/payments")
    StorageLeaseService.LeaseView pay(
            @RequestAttribute(Caller.ATTRIBUTE) Caller caller,
            @PathVariable UUID objectId,
            @Valid @RequestBody PeriodRequest r) {
        caller.requireAdmin();
        return leases.pay(objectId, r.through(), r.domain());
    }

    @PostMapping("/internal/storage/leases/{objectId}/close")
    StorageLeaseService.LeaseView close(
            @RequestAttribute(Caller.ATTRIBUTE) Caller caller,
            @PathVariable UUID objectId,
            @Valid @RequestBody PeriodRequest r) {
        caller.requireAdmin();
        return leases.close(objectId, r.through(), r.domain(), r.reason() == null ? "deleted" : r.reason());
    }
}
