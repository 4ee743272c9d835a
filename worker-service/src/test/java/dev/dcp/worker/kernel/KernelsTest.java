package dev.dcp.worker.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KernelsTest {

    private final Kernels kernels = new Kernels();

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"primes", "montecarlo-pi", "hashcash", "matmul", "wordcount"})
    void everyJobKindHasAKernelThatAnswersToThatKind(String kind) {
        assertThat(kernels.forKind(kind)).hasValueSatisfying(kernel -> assertThat(kernel.kind()).isEqualTo(kind));
    }

    @Test
    void anUnknownOrMissingKindHasNoKernel() {
        assertThat(kernels.forKind("sorting")).isEmpty();
        assertThat(kernels.forKind(null)).isEmpty();
    }
}
