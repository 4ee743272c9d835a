package dev.dcp.scheduler.storage.object;

import dev.dcp.common.storage.ObjectLayout;
import dev.dcp.scheduler.storage.lease.StorageLeases;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What each worker is paid for keeping of an object: the shards that stand audited (receipted and not failed
 * since, or passed their last audit), each counted as the plaintext bytes of its segment. A shard that failed, was
 * found corrupt or missing earns nothing until repair has put a good copy somewhere.
 */
public final class ObjectHoldings {

    private ObjectHoldings() {}

    public static List<StorageLeases.Holding> of(StoredObject object, List<ShardRecord> shards) {
        ObjectLayout layout = object.layout();
        Map<String, Long> bytes = new TreeMap<>();
        for (ShardRecord s : shards) {
            if (ShardRecord.STORED.equals(s.verdict()) || ShardRecord.PASSED.equals(s.verdict())) {
                bytes.merge(s.workerId(), (long) layout.segmentLength(s.segment()), Long::sum);
            }
        }
        return bytes.entrySet().stream()
                .map(e -> new StorageLeases.Holding(e.getKey(), e.getValue()))
                .toList();
    }
}
