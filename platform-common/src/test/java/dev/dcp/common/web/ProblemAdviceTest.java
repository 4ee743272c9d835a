package dev.dcp.common.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.dcp.common.auth.AdminRequired;
import dev.dcp.common.auth.Caller;
import org.junit.jupiter.api.Test;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

class ProblemAdviceTest {

    @Test
    void aTenantAskingForAnAdminsOperationGetsA403ForbiddenProblem() {
        AdminRequired refusal =
                catchThrowableOfType(AdminRequired.class, () -> new Caller("t-1", Caller.Role.CONSUMER).requireAdmin());

        ResponseEntity<ProblemDetail> response = new ProblemAdvice().adminRequired(refusal);

        assertThat(response.getStatusCode().value()).isEqualTo(403);
        assertThat(response.getBody().getTitle()).isEqualTo("Forbidden");
        assertThat(response.getBody().getDetail()).isEqualTo("This operation needs the admin key.");
        assertThat(response.getBody().getType()).isEqualTo(ProblemTypes.of("Forbidden"));
    }

    @Test
    void theAdminPassesTheAdminCheck() {
        Caller.admin().requireAdmin();
        assertThat(Caller.admin().isAdmin()).isTrue();
    }
}
