package dev.dcp.contract.admission;

import dev.dcp.common.auth.Caller;
import dev.dcp.common.json.CanonicalJson;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The scheduler asks here before it stores anything of a job: quotas, balance, and the escrow hold. */
@RestController
class AdmissionController {

    record AdmissionRequest(
            @NotBlank String jobId,
            @NotBlank String tenantId,

            @NotNull @PositiveOrZero @Max(CanonicalJson.MAX_SAFE_INTEGER)
            Long maxCredits,

            @NotNull @Min(1) Integer subtasks) {}

    private final AdmissionService admission;

    AdmissionController(AdmissionService admission) {
        this.admission = admission;
    }

    @PostMapping("/internal/admissions")
    AdmissionService.Admitted admit(
            @RequestAttribute(Caller.ATTRIBUTE) Caller caller, @Valid @RequestBody AdmissionRequest request) {
        caller.requireAdmin();
        return admission.admit(request.jobId(), request.tenantId(), request.maxCredits(), request.subtasks());
    }
}
