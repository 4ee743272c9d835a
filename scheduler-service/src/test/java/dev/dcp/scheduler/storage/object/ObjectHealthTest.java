package dev.dcp.scheduler.storage.object;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ObjectHealthTest {

    private static final UUID OBJECT = UUID.randomUUID();

    @Test
    void anObjectWithEveryShardOnAnOnlineWorkerIsFullyRedundant() {
        ObjectHealth health = ObjectHealth.of(2, 1, 2, placements(2, 3), Set.of("w0", "w1", "w2"));
        assertThat(health.view()).isEqualTo(new ObjectHealth.View(2, 2, true));
    }

    @Test
    void losingMWorkersKeepsEverySegmentReadable() {
        ObjectHealth health = ObjectHealth.of(2, 1, 2, placements(2, 3), Set.of("w0", "w2"));
        assertThat(health.view()).isEqualTo(new ObjectHealth.View(2, 2, false));
        assertThat(health.unreadableSegments()).isEmpty();
    }

    @Test
    void losingMoreThanMNamesTheUnreadableSegments() {
        ObjectHealth health = ObjectHealth.of(2, 1, 2, placements(2, 3), Set.of("w2"));
        assertThat(health.view()).isEqualTo(new ObjectHealth.View(2, 0, false));
        assertThat(health.unreadableSegments()).containsExactly(0, 1);
    }

    @Test
    void aShardFoundCorruptOrNotYetReceiptedDoesNotCount() {
        List<ShardRecord> shards = new ArrayList<>(placements(1, 3));
        shards.set(0, withVerdict(shards.get(0), ShardRecord.CORRUPT));
        shards.set(1, withVerdict(shards.get(1), ShardRecord.SENT));
        ObjectHealth health = ObjectHealth.of(2, 1, 1, shards, Set.of("w0", "w1", "w2"));
        assertThat(health.unreadableSegments()).containsExactly(0);
    }

    @Test
    void anEmptyObjectIsTriviallyWhole() {
        assertThat(ObjectHealth.of(2, 1, 0, List.of(), Set.of()).view()).isEqualTo(new ObjectHealth.View(0, 0, true));
    }

    private static List<ShardRecord> placements(int segments, int shards) {
        List<ShardRecord> out = new ArrayList<>();
        for (int s = 0; s < segments; s++) {
            for (int i = 0; i < shards; i++) {
                out.add(new ShardRecord(OBJECT, s, i, "x-" + s + "-" + i, "w" + i, 10, "00", ShardRecord.STORED, null));
            }
        }
        return out;
    }

    private static ShardRecord withVerdict(ShardRecord r, String verdict) {
        return new ShardRecord(
                r.objectId(), r.segment(), r.shard(), r.shardId(), r.workerId(), r.length(), r.root(), verdict, null);
    }
}
