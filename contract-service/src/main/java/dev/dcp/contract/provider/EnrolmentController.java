package dev.dcp.contract.provider;

import dev.dcp.common.auth.Caller;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RestController;

/** For the scheduler: every enrolled worker key, its price and reputation, and whether it may receive work. */
@RestController
class EnrolmentController {

    record Enrolments(List<ProviderService.Enrolment> items) {}

    private final ProviderService providers;

    EnrolmentController(ProviderService providers) {
        this.providers = providers;
    }

    @GetMapping("/internal/workers")
    Enrolments enrolments(@RequestAttribute(Caller.ATTRIBUTE) Caller caller) {
        caller.requireAdmin();
        return new Enrolments(providers.enrolments());
    }
}
