package dev.dcp.scheduler.storage.placement;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where the shards of one segment go: each on a different worker, spread over as many providers as there are
 * before any provider gets a second shard, only on workers with room for it. Plain and deterministic: the same
 * candidates and rotation give the same answer; the rotation (the segment's index) spreads an object's segments
 * over all the workers there are.
 */
public final class ShardPlacement {

    /** A worker that may take shards: its provider and the bytes it has free. */
    public record Candidate(String workerId, String providerId, long freeBytes) {}

    /** Fewer workers with room than shards to place: refusing is better than two shards on one disk. */
    public static final class NotEnoughWorkers extends RuntimeException {
        private final int available;
        private final int needed;

        public NotEnoughWorkers(int available, int needed) {
            super(needed + " workers with room for a shard are needed, " + available + " are online");
            this.available = available;
            this.needed = needed;
        }

        public int available() {
            return available;
        }

        public int needed() {
            return needed;
        }
    }

    private ShardPlacement() {}

    /**
     * The workers for shards {@code 0 .. shards-1} of a segment, in shard order, none in {@code exclude} (workers
     * that already hold a shard of the segment, when repairing).
     */
    public static List<String> choose(
            List<Candidate> candidates, int shards, long shardBytes, int rotation, Set<String> exclude) {
        Map<String, List<Candidate>> byProvider = new LinkedHashMap<>();
        candidates.stream()
                .filter(c -> c.freeBytes() >= shardBytes && !exclude.contains(c.workerId()))
                .sorted(Comparator.comparing(Candidate::providerId).thenComparing(Candidate::workerId))
                .forEach(c -> byProvider
                        .computeIfAbsent(c.providerId(), p -> new ArrayList<>())
                        .add(c));
        int available = byProvider.values().stream().mapToInt(List::size).sum();
        if (available < shards) {
            throw new NotEnoughWorkers(available, shards);
        }
        List<List<Candidate>> providers = new ArrayList<>(byProvider.values());
        int offset = Math.floorMod(rotation, providers.size());
        List<String> chosen = new ArrayList<>(shards);
        // round r takes the r-th worker (rotated) of every provider in turn, starting at a rotated provider
        for (int round = 0; chosen.size() < shards; round++) {
            for (int i = 0; i < providers.size() && chosen.size() < shards; i++) {
                List<Candidate> workers = providers.get((offset + i) % providers.size());
                if (round < workers.size()) {
                    int shift = Math.floorMod(rotation / providers.size(), workers.size());
                    chosen.add(workers.get((round + shift) % workers.size()).workerId());
                }
            }
        }
        return chosen;
    }
}
