package dev.dcp.common.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dcp.common.event.Topics;
import java.util.List;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;

class BusRoleTest {

    @Test
    void aProvidersWorkersReadOnlySubtasksCancellationsAndStorageCommandsAndWriteOnlyTheirAnswers() {
        List<BusRole.Grant> grants = BusRole.PROVIDER.grants();
        assertThat(grants)
                .filteredOn(g -> g.resourceType() == ResourceType.TOPIC && g.operation() == AclOperation.READ)
                .extracting(BusRole.Grant::name)
                .containsExactlyInAnyOrder(Topics.SUBTASKS, Topics.JOB_CANCELLATIONS, Topics.STORAGE_COMMANDS);
        assertThat(grants)
                .filteredOn(g -> g.operation() == AclOperation.WRITE)
                .extracting(BusRole.Grant::name)
                .containsExactlyInAnyOrder(
                        Topics.RESULTS, Topics.WORKERS, Topics.deadLetter(Topics.SUBTASKS), Topics.STORAGE_REPLIES);
        assertThat(grants)
                .extracting(BusRole.Grant::resourceType)
                .doesNotContain(ResourceType.CLUSTER, ResourceType.TRANSACTIONAL_ID);
        assertThat(grants).extracting(BusRole.Grant::operation).containsOnly(AclOperation.READ, AclOperation.WRITE);
    }

    @Test
    void onlyTheServicesMayCreateTopicsAndOnlyTheIssuerMayAlterTheCluster() {
        for (BusRole role : BusRole.values()) {
            boolean creates = role.grants().stream().anyMatch(g -> g.operation() == AclOperation.CREATE);
            assertThat(creates)
                    .as(role.name())
                    .isEqualTo(role != BusRole.PROVIDER && role != BusRole.CREDENTIAL_ISSUER);
            boolean altersCluster = role.grants().stream()
                    .anyMatch(g -> g.resourceType() == ResourceType.CLUSTER && g.operation() == AclOperation.ALTER);
            assertThat(altersCluster).as(role.name()).isEqualTo(role == BusRole.CREDENTIAL_ISSUER);
        }
    }

    @Test
    void bindingsNameTheUserAsTheirPrincipal() {
        assertThat(BusRole.SCHEDULER.bindingsFor("scheduler"))
                .allSatisfy(b -> assertThat(b.entry().principal()).isEqualTo("User:scheduler"));
    }
}
