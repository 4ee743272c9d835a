package dev.dcp.scheduler.storage.placement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dcp.scheduler.storage.placement.ShardPlacement.Candidate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class ShardPlacementTest {

    private static final long GIB = 1L << 30;

    @Property
    void everyShardOfASegmentLandsOnADifferentWorker(
            @ForAll @IntRange(min = 1, max = 6) int providers,
            @ForAll @IntRange(min = 1, max = 4) int workersEach,
            @ForAll @IntRange(min = 1, max = 24) int shards,
            @ForAll @IntRange(min = 0, max = 1000) int rotation) {
        List<Candidate> candidates = fleet(providers, workersEach);
        if (shards > candidates.size()) {
            assertThatThrownBy(() -> ShardPlacement.choose(candidates, shards, 1, rotation, Set.of()))
                    .isInstanceOf(ShardPlacement.NotEnoughWorkers.class);
            return;
        }
        List<String> chosen = ShardPlacement.choose(candidates, shards, 1, rotation, Set.of());
        assertThat(chosen).hasSize(shards).doesNotHaveDuplicates();
        // no provider gets a second shard while another provider has none
        Map<String, Integer> perProvider = new HashMap<>();
        chosen.forEach(w -> perProvider.merge(providerOf(w), 1, Integer::sum));
        int most = perProvider.values().stream().max(Integer::compare).orElse(0);
        int least = perProvider.size() < providers
                ? 0
                : perProvider.values().stream().min(Integer::compare).orElse(0);
        assertThat(most - least).isLessThanOrEqualTo(1);
    }

    @Test
    void workersWithoutRoomOrAlreadyHoldingAShardAreNotChosen() {
        List<Candidate> candidates = List.of(
                new Candidate("w1", "p1", GIB),
                new Candidate("w2", "p2", 10),
                new Candidate("w3", "p3", GIB),
                new Candidate("w4", "p3", GIB));
        List<String> chosen = ShardPlacement.choose(candidates, 2, 1000, 0, Set.of("w1"));
        assertThat(chosen).containsExactlyInAnyOrder("w3", "w4");
    }

    @Test
    void tooFewWorkersIsARefusalNamingBothNumbers() {
        List<Candidate> candidates = List.of(new Candidate("w1", "p1", GIB), new Candidate("w2", "p1", GIB));
        assertThatThrownBy(() -> ShardPlacement.choose(candidates, 3, 1, 0, Set.of()))
                .isInstanceOf(ShardPlacement.NotEnoughWorkers.class)
                .hasMessage("3 workers with room for a shard are needed, 2 are online");
    }

    @Test
    void successiveSegmentsSpreadOverAllWorkers() {
        List<Candidate> candidates = fleet(3, 2);
        Set<String> used = new HashSet<>();
        for (int segment = 0; segment < 12; segment++) {
            used.addAll(ShardPlacement.choose(candidates, 3, 1, segment, Set.of()));
        }
        assertThat(used).hasSize(6);
    }

    @Test
    void theSameInputGivesTheSamePlacement() {
        List<Candidate> candidates = fleet(3, 3);
        List<Candidate> reversed = new java.util.ArrayList<>(candidates);
        java.util.Collections.reverse(reversed);
        assertThat(ShardPlacement.choose(candidates, 5, 1, 7, Set.of()))
                .isEqualTo(ShardPlacement.choose(reversed, 5, 1, 7, Set.of()));
    }

    private static List<Candidate> fleet(int providers, int workersEach) {
        List<Candidate> out = new java.util.ArrayList<>();
        for (int p = 0; p < providers; p++) {
            for (int w = 0; w < workersEach; w++) {
                out.add(new Candidate("p" + p + "-w" + w, "p" + p, GIB));
            }
        }
        return out;
    }

    private static String providerOf(String workerId) {
        return workerId.substring(0, workerId.indexOf('-'));
    }
}
