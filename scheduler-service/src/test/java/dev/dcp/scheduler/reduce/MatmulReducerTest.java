package dev.dcp.scheduler.reduce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MatmulReducerTest {

    private final MatmulReducer reducer = new MatmulReducer();

    @Test
    void traceAndSumAreTheSumsOfTheRowBlocksPartials() {
        Map<String, Object> result = reducer.reduce(
                Map.of("n", 3, "seed", 1),
                List.of(
                        Map.of("trace", 10, "sum", 100),
                        Map.of("trace", 20L, "sum", 300_000_000_000L),
                        Map.of("trace", -5, "sum", 7)));

        assertThat(result)
                .containsOnly(Map.entry("n", 3L), Map.entry("trace", 25L), Map.entry("sum", 300_000_000_107L));
    }

    @Test
    void theOutputsAloneCannotGiveTheResultSinceTheyDoNotSayN() {
        assertThatThrownBy(() -> reducer.reduce(List.of(Map.of("trace", 1, "sum", 1))))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
