package dev.dcp.worker.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dcp.common.event.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class KernelsTest {

    private final Kernels kernels = new Kernels();

    @ParameterizedTest(name = "{0}")
    @EnumSource(Kind.class)
    void everyPlatformKindHasAKernelThatAnswersToThatKind(Kind kind) {
        assertThat(kernels.forKind(kind.wireName()))
                .hasValueSatisfying(kernel -> assertThat(kernel.kind()).isEqualTo(kind));
    }

    @Test
    void theWorkerRunsExactlyThePlatformsKinds() {
        assertThat(kernels.kinds()).containsExactlyInAnyOrder(Kind.values());
    }

    @Test
    void anUnknownOrMissingKindHasNoKernel() {
        assertThat(kernels.forKind("sorting")).isEmpty();
        assertThat(kernels.forKind("PRIMES")).isEmpty();
        assertThat(kernels.forKind(null)).isEmpty();
    }
}
