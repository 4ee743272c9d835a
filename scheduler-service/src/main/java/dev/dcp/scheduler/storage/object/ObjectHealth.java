package dev.dcp.scheduler.storage.object;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * How an object stands, from where its shards are and what is known of them: a segment is readable while k of its
 * shards are healthy (on an online worker, not found missing or altered), fully redundant with all k + m.
 */
record ObjectHealth(int segments, int readable, boolean fullyRedundant, List<Integer> unreadableSegments) {

    static ObjectHealth of(int k, int m, int segments, List<ShardRecord> placements, Set<String> onlineWorkers) {
        int[] healthy = new int[segments];
        for (ShardRecord p : placements) {
            if (p.segment() < segments && p.healthyOn(onlineWorkers)) {
                healthy[p.segment()]++;
            }
        }
        int readable = 0;
        boolean full = true;
        List<Integer> unreadable = new ArrayList<>();
        for (int s = 0; s < segments; s++) {
            if (healthy[s] >= k) {
                readable++;
            } else {
                unreadable.add(s);
            }
            full &= healthy[s] >= k + m;
        }
        return new ObjectHealth(segments, readable, full, List.copyOf(unreadable));
    }

    record View(int segments, int readable, boolean fullyRedundant) {}

    View view() {
        return new View(segments, readable, fullyRedundant);
    }
}
