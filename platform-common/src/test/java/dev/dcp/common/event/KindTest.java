package dev.dcp.common.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class KindTest {

    @Test
    void theSixKindsGoByTheNamesTenantsHaveAlwaysWritten() {
        assertThat(Arrays.stream(Kind.values()).map(Kind::wireName))
                .containsExactly("primes", "montecarlo-pi", "hashcash", "matmul", "wordcount", "wasm");
    }

    @Test
    void aKindIsFoundByItsWireNameOnly() {
        assertThat(Kind.named("montecarlo-pi")).contains(Kind.MONTECARLO_PI);
        assertThat(Kind.named("wasm")).contains(Kind.WASM);
        assertThat(Kind.named("MONTECARLO_PI")).isEmpty();
        assertThat(Kind.named("Primes")).isEmpty();
        assertThat(Kind.named("sorting")).isEmpty();
        assertThat(Kind.named(null)).isEmpty();
    }
}
