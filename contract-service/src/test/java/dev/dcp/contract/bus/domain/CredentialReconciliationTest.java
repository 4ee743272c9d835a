package dev.dcp.contract.bus.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dcp.contract.bus.domain.CredentialReconciliation.Active;
import dev.dcp.contract.bus.domain.CredentialReconciliation.Plan;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CredentialReconciliationTest {

    static final long MIN = 1_000_000;

    @Test
    void credentialsOfStakedProvidersThatTheBrokerKnowsNeedNothing() {
        Plan plan = CredentialReconciliation.plan(
                List.of(new Active("a", "provider-a", MIN), new Active("b", "provider-b", 5 * MIN)),
                MIN,
                Set.of("provider-a", "provider-b"));
        assertThat(plan.isEmpty()).isTrue();
    }

    @Test
    void aProviderSlashedBelowTheMinimumIsRevokedAndRemovedFromTheBroker() {
        Plan plan = CredentialReconciliation.plan(
                List.of(new Active("a", "provider-a", MIN - 1), new Active("b", "provider-b", MIN)),
                MIN,
                Set.of("provider-a", "provider-b"));
        assertThat(plan.revocations()).singleElement().satisfies(r -> {
            assertThat(r.providerId()).isEqualTo("a");
            assertThat(r.reason()).contains("below the minimum");
        });
        assertThat(plan.removals()).containsExactly("provider-a");
    }

    @Test
    void aProviderSlashedToZeroIsRevokedEvenIfTheBrokerLostItsLoginAlready() {
        Plan plan = CredentialReconciliation.plan(List.of(new Active("a", "provider-a", 0)), MIN, Set.of());
        assertThat(plan.revocations()).hasSize(1);
        assertThat(plan.removals()).containsExactly("provider-a");
    }

    @Test
    void aLoginTheBrokerHasWithoutAnActiveCredentialIsRemoved() {
        Plan plan = CredentialReconciliation.plan(
                List.of(new Active("b", "provider-b", MIN)), MIN, Set.of("provider-b", "provider-revoked-earlier"));
        assertThat(plan.revocations()).isEmpty();
        assertThat(plan.removals()).containsExactly("provider-revoked-earlier");
    }
}
