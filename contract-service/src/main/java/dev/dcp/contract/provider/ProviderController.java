package dev.dcp.contract.provider;

import dev.dcp.common.auth.Caller;
import dev.dcp.common.json.CanonicalJson;
import dev.dcp.common.web.ProblemException;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Providers", description = "A provider's stake and its workers' keys")
@RestController
@RequestMapping("/api/v1/providers/me")
class ProviderController {

    /** Amounts in hashed ledger payloads stay below 2^53. */
    static final long MAX_AMOUNT = CanonicalJson.MAX_SAFE_INTEGER;

    record StakeRequest(
            @NotNull @Positive @Max(MAX_AMOUNT) Long amount,
            @NotNull @Min(1) @Max(3650) Integer lockDays) {}

    record UnbondRequest(@NotNull @Positive @Max(MAX_AMOUNT) Long amount) {}

    record StakeView(long stake, Instant lockedUntil, long balance) {}

    record EnrolRequest(
            @NotNull
            @Pattern(
                    regexp = "[0-9a-f]{64}",
                    message = "must be a raw Ed25519 public key in lowercase hex (64 characters)")
            String publicKey,

            @NotNull @Min(1) @Max(1024) Integer slots,

            @NotNull @PositiveOrZero @Max(1_000_000_000_000L)
            Long pricePerCpuSecond,

            /** Disk offered for other people's shards; absent or 0: this worker keeps none. */
            @PositiveOrZero @Max(1L << 50) Long storageBytes,

            /** micro-credits per GiB kept for a day; absent: 0. */
            @PositiveOrZero @Max(1_000_000_000_000L) Long pricePerGiBDay) {}

    record Enrolled(
            String workerId,
            String publicKey,
            int slots,
            long pricePerCpuSecond,
            long storageBytes,
            long pricePerGiBDay) {}

    record WorkerList(List<ProviderService.Enrolment> items, String nextCursor) {}

    private final ProviderService providers;

    ProviderController(ProviderService providers) {
        this.providers = providers;
    }

    @PostMapping("/stake")
    ResponseEntity<StakeView> stake(
            @RequestAttribute(Caller.ATTRIBUTE) Caller caller, @Valid @RequestBody StakeRequest request) {
        ProviderService.Stake s = providers.bond(provider(caller), request.amount(), request.lockDays());
        return ResponseEntity.status(201).body(new StakeView(s.stake(), s.lockedUntil(), s.balance()));
    }

    @PostMapping("/unbond")
    StakeView unbond(@RequestAttribute(Caller.ATTRIBUTE) Caller caller, @Valid @RequestBody UnbondRequest request) {
        ProviderService.Stake s = providers.unbond(provider(caller), request.amount());
        return new StakeView(s.stake(), s.lockedUntil(), s.balance());
    }

    @PostMapping("/workers")
    ResponseEntity<Enrolled> enrol(
            @RequestAttribute(Caller.ATTRIBUTE) Caller caller, @Valid @RequestBody EnrolRequest request) {
        Worker w = providers.enrol(
                provider(caller),
                request.publicKey(),
                request.slots(),
                request.pricePerCpuSecond(),
                request.storageBytes() == null ? 0 : request.storageBytes(),
                request.pricePerGiBDay() == null ? 0 : request.pricePerGiBDay());
        return ResponseEntity.created(URI.create("/api/v1/workers/" + w.getId()))
                .body(new Enrolled(
                        w.getId(),
                        w.getPublicKey(),
                        w.getSlots(),
                        w.getPricePerCpuSecond(),
                        w.getStorageBytes(),
                        w.getPricePerGiBDay()));
    }

    @GetMapping("/workers")
    WorkerList workers(@RequestAttribute(Caller.ATTRIBUTE) Caller caller) {
        return new WorkerList(providers.enrolmentsOf(provider(caller)), null);
    }

    private static String provider(Caller caller) {
        if (caller.role() != Caller.Role.PROVIDER) {
            throw ProblemException.forbidden("Only provider accounts stake and enrol workers.");
        }
        return caller.tenantId();
    }
}
