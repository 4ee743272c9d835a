package dev.dcp.contract.admission;

import dev.dcp.common.auth.Caller;
import dev.dcp.common.web.ProblemException;
import dev.dcp.contract.account.Tenant;
import dev.dcp.contract.account.TenantRepository;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The scheduler asks here before it creates a job. This build checks that the tenant can cover the job's
 * maxCredits; escrow holds and quotas are the contracts issue's work.
 */
@RestController
class AdmissionController {

    record AdmissionRequest(@NotBlank String jobId, @NotBlank String tenantId, @NotNull @PositiveOrZero Long maxCredits) {
    }

    record Admitted(String jobId, long balance) {
    }

    private final TenantRepository tenants;

    AdmissionController(TenantRepository tenants) {
        this.tenants = tenants;
    }

    @PostMapping("/internal/admissions")
    Admitted admit(@RequestAttribute(Caller.ATTRIBUTE) Caller caller, @Valid @RequestBody AdmissionRequest request) {
        if (!caller.isAdmin()) {
            throw ProblemException.forbidden("internal");
        }
        Tenant tenant = tenants.findById(request.tenantId())
                .orElseThrow(() -> ProblemException.notFound("Tenant " + request.tenantId()));
        if (tenant.getBalance() < request.maxCredits()) {
            throw new ProblemException(HttpStatus.PAYMENT_REQUIRED, "Insufficient credits",
                    "maxCredits is " + request.maxCredits() + " micro-credits but the balance is "
                            + tenant.getBalance());
        }
        return new Admitted(request.jobId(), tenant.getBalance());
    }
}
