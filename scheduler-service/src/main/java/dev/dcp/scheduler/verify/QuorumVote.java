package dev.dcp.scheduler.verify;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * BOINC-style acceptance of one subtask's replicas: accepted once {@code redundancy} results from distinct
 * workers carry the same output hash. A worker counts once however many replicas it answered.
 */
public final class QuorumVote {

    public record Ballot(String workerId, String outputHash) {
    }

    public sealed interface Verdict {
    }

    public record Accepted(String outputHash) implements Verdict {
    }

    /** Not decided yet: {@code missing} more agreeing answers from new workers could decide it. */
    public record Undecided(int missing) implements Verdict {
    }

    private QuorumVote() {
    }

    public static Verdict decide(List<Ballot> ballots, int redundancy) {
        Map<String, String> byWorker = new LinkedHashMap<>();
        for (Ballot b : ballots) {
            byWorker.putIfAbsent(b.workerId(), b.outputHash());
        }
        Map<String, Integer> votes = new HashMap<>();
        int best = 0;
        for (String hash : byWorker.values()) {
            int v = votes.merge(hash, 1, Integer::sum);
            best = Math.max(best, v);
            if (v >= redundancy) {
                return new Accepted(hash);
            }
        }
        return new Undecided(redundancy - best);
    }
}
