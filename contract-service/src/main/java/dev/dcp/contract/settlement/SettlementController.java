package dev.dcp.contract.settlement;

import dev.dcp.common.auth.Caller;
import dev.dcp.contract.settlement.domain.Payouts;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** For the scheduler: settles jobs that ended, each in its own transaction, each at most once. */
@RestController
class SettlementController {

    record WorkLine(
            @NotNull @Pattern(regexp = "[0-9a-f]{64}") String workerKey,
            @NotNull @PositiveOrZero Long units,
            @NotNull @Min(1) Integer replicas) {}

    record EndedJob(
            @NotBlank String jobId,
            @NotBlank String tenantId,

            @NotNull @Pattern(regexp = "COMPLETED|FAILED|CANCELLED")
            String outcome,

            @NotNull @Min(1) Long unitsPerReferenceCpuSecond,

            @NotNull @Size(max = 100_000) List<@Valid WorkLine> work) {}

    record SettleRequest(@NotNull @Size(min = 1, max = 1000) List<@Valid EndedJob> jobs) {}

    record SettleResponse(List<SettlementService.Settled> settled) {}

    private final SettlementService settlements;

    SettlementController(SettlementService settlements) {
        this.settlements = settlements;
    }

    @PostMapping("/internal/settlements")
    SettleResponse settle(
            @RequestAttribute(Caller.ATTRIBUTE) Caller caller, @Valid @RequestBody SettleRequest request) {
        caller.requireAdmin();
        return new SettleResponse(request.jobs().stream()
                .map(j -> settlements.settle(new SettlementService.JobOutcome(
                        j.jobId(),
                        j.tenantId(),
                        j.outcome(),
                        j.unitsPerReferenceCpuSecond(),
                        j.work().stream()
                                .map(w -> new Payouts.Work(w.workerKey(), w.units(), w.replicas()))
                                .toList())))
                .toList());
    }
}
