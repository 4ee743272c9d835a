package dev.dcp.scheduler.storage.object;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dcp.scheduler.storage.lease.StorageLeases.Holding;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ObjectHoldingsTest {

    private static final UUID ID = UUID.randomUUID();
    private static final int SEGMENT = 1_000;

    /** 2,500 bytes in segments of 1,000: two full segments and one of 500, coded 2 + 1. */
    private static final StoredObject OBJECT = new StoredObject(
            ID,
            "t",
            "bafk",
            StoredObject.Status.STORED,
            2_500,
            SEGMENT,
            2,
            1,
            3,
            "00",
            new byte[0],
            1,
            Instant.EPOCH,
            Instant.EPOCH,
            0,
            Instant.EPOCH);

    @Test
    void eachWorkerIsCountedThePlaintextOfTheSegmentsItHoldsAShardOf() {
        List<ShardRecord> shards = List.of(
                shard(0, 0, "w-a", ShardRecord.PASSED),
                shard(0, 1, "w-b", ShardRecord.STORED),
                shard(1, 0, "w-a", ShardRecord.PASSED),
                shard(2, 2, "w-a", ShardRecord.STORED));

        assertThat(ObjectHoldings.of(OBJECT, shards))
                .containsExactly(new Holding("w-a", 1_000 + 1_000 + 500), new Holding("w-b", 1_000));
    }

    @Test
    void aShardThatFailedIsCorruptMissingOrNotYetReceiptedEarnsNothing() {
        List<ShardRecord> shards = List.of(
                shard(0, 0, "w-a", ShardRecord.FAILED),
                shard(0, 1, "w-a", ShardRecord.CORRUPT),
                shard(0, 2, "w-b", ShardRecord.MISSING),
                shard(1, 0, "w-b", ShardRecord.SENT),
                shard(1, 1, "w-c", ShardRecord.PASSED));

        assertThat(ObjectHoldings.of(OBJECT, shards)).containsExactly(new Holding("w-c", 1_000));
    }

    private static ShardRecord shard(int segment, int shard, String worker, String verdict) {
        return new ShardRecord(ID, segment, shard, ID + "-" + segment + "-" + shard, worker, 600, "00", verdict, null);
    }
}
