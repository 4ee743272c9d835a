package dev.dcp.scheduler.kind;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JobKindsTest {

    private final JobKinds kinds = new JobKinds();

    @Test
    void runsTheSixBuiltInKinds() {
        assertThat(kinds.names()).containsExactly("primes", "montecarlo-pi", "hashcash", "matmul", "wordcount", "wasm");
    }

    @Test
    void findsAKindByItsName() {
        assertThat(kinds.find("wordcount")).get().isInstanceOf(WordcountJob.class);
        assertThat(kinds.find("nope")).isEmpty();
        assertThat(kinds.find(null)).isEmpty();
    }
}
