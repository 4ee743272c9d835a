package dev.dcp.scheduler.kind;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dcp.common.event.Kind;
import org.junit.jupiter.api.Test;

class JobKindsTest {

    private final JobKinds kinds = new JobKinds();

    @Test
    void runsTheSixBuiltInKinds() {
        assertThat(kinds.names()).containsExactly("primes", "montecarlo-pi", "hashcash", "matmul", "wordcount", "wasm");
    }

    @Test
    void runsExactlyThePlatformsKinds() {
        assertThat(kinds.kinds()).containsExactlyInAnyOrder(Kind.values());
        for (Kind kind : Kind.values()) {
            assertThat(kinds.find(kind.wireName()))
                    .as(kind.wireName())
                    .get()
                    .extracting(JobKind::name)
                    .isEqualTo(kind.wireName());
        }
    }

    @Test
    void findsAKindByItsName() {
        assertThat(kinds.find("wordcount")).get().isInstanceOf(WordcountJob.class);
        assertThat(kinds.find("nope")).isEmpty();
        assertThat(kinds.find(null)).isEmpty();
    }
}
