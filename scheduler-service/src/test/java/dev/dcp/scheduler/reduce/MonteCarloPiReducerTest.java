package dev.dcp.scheduler.reduce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MonteCarloPiReducerTest {

    private final MonteCarloPiReducer reducer = new MonteCarloPiReducer();

    @Test
    void samplesAndHitsAddUpAndPiIsFourTimesTheShareInside() {
        Map<String, Object> result = reducer.reduce(
                List.of(Map.of("samples", 1000, "inside", 790), Map.of("samples", 3000L, "inside", 2351L)));

        assertThat(result)
                .containsOnly(
                        Map.entry("samples", 4000L),
                        Map.entry("inside", 3141L),
                        Map.entry("estimate", 4.0 * 3141 / 4000));
        assertThat(result.get("estimate")).isEqualTo(3.141);
    }

    @Test
    void countsBeyondAnIntAddUpExactly() {
        Map<String, Object> result = reducer.reduce(List.of(
                Map.of("samples", 500_000_000_000L, "inside", 392_699_081_698L),
                Map.of("samples", 500_000_000_000L, "inside", 392_699_081_699L)));

        assertThat(result.get("samples")).isEqualTo(1_000_000_000_000L);
        assertThat(result.get("inside")).isEqualTo(785_398_163_397L);
        assertThat((double) result.get("estimate")).isEqualTo(4.0 * 785_398_163_397L / 1_000_000_000_000L);
    }

    @Test
    void outputsWithoutSamplesAreRefusedRatherThanGivingNaN() {
        assertThatThrownBy(() -> reducer.reduce(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
