package dev.dcp.scheduler.split;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SplittersTest {

    @Test
    void offersStaticGuidedAndWeightedInThatOrder() {
        assertThat(Splitters.STRATEGIES).containsExactly("static", "guided", "weighted");
    }

    @Test
    void eachStrategyNameGivesItsSplitter() {
        assertThat(Splitters.forStrategy("static", List.of())).isInstanceOf(StaticSplitter.class);
        assertThat(Splitters.forStrategy("guided", List.of())).isInstanceOf(GuidedSplitter.class);
        assertThat(Splitters.forStrategy("weighted", List.of())).isInstanceOf(WeightedSplitter.class);
    }

    @Test
    void noStrategyMeansStatic() {
        assertThat(Splitters.forStrategy(null, List.of())).isInstanceOf(StaticSplitter.class);
    }

    @Test
    void weightedUsesTheCapacitiesItIsGiven() {
        assertThat(Splitters.forStrategy("weighted", List.of(1, 3)).split(new Range(0, 40), 2))
                .containsExactly(new Range(0, 30), new Range(30, 40));
    }

    @Test
    void unknownStrategyIsRefused() {
        assertThatThrownBy(() -> Splitters.forStrategy("random", List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("random");
    }
}
