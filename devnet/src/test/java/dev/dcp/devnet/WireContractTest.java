package dev.dcp.devnet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dcp.scheduler.kind.JobKinds;
import dev.dcp.worker.kernel.Kernels;
import org.junit.jupiter.api.Test;

/**
 * The two sides of {@code dcp.subtasks}, seen together: neither service may import the other, but the devnet holds
 * both. A kind the scheduler accepted and no worker could run would fail every one of its subtasks.
 */
class WireContractTest {

    @Test
    void everyKindTheSchedulerAcceptsHasAWorkerKernelThatAnswersToIt() {
        Kernels kernels = new Kernels();

        for (String kind : new JobKinds().names()) {
            assertThat(kernels.forKind(kind))
                    .as("the scheduler accepts jobs of kind \"%s\", but no worker kernel runs it", kind)
                    .hasValueSatisfying(
                            kernel -> assertThat(kernel.kind().wireName()).isEqualTo(kind));
        }
    }
}
