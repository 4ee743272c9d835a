package dev.dcp.scheduler.verify.vote;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * BOINC-style acceptance of one subtask's replicas. An output is accepted when at least {@code redundancy}
 * distinct workers report it <em>and</em> they are a strict majority of the workers that answered; a worker
 * counts once (its first answer) however many replicas it answered. Disagreement asks for more answers, but
 * never more than {@code 2·redundancy + 1} workers in all: past that the subtask has no quorum.
 */
public final class QuorumVote {

    public record Ballot(String workerId, String outputHash) {}

    public sealed interface Verdict {}

    public record Accepted(String outputHash) implements Verdict {}

    /** Not decided yet: at least {@code missing} more agreeing answers from new workers are needed. */
    public record Undecided(int missing) implements Verdict {}

    /** No majority can be reached within the bound on voters. */
    public record NoQuorum(int voters, int largestAgreement) implements Verdict {}

    private QuorumVote() {}

    public static int maxVoters(int redundancy) {
        return 2 * redundancy + 1;
    }

    public static Verdict decide(List<Ballot> ballots, int redundancy) {
        Map<String, String> byWorker = new LinkedHashMap<>();
        for (Ballot b : ballots) {
            byWorker.putIfAbsent(b.workerId(), b.outputHash());
        }
        Map<String, Integer> votes = new HashMap<>();
        int best = 0;
        String leader = null;
        for (String hash : byWorker.values()) {
            int v = votes.merge(hash, 1, Integer::sum);
            if (v > best) {
                best = v;
                leader = hash;
            }
        }
        int voters = byWorker.size();
        if (best >= redundancy && 2 * best > voters) {
            return new Accepted(leader);
        }
        // x more answers agreeing with the leader: best + x >= r and 2(best + x) > voters + x
        int missing = Math.max(redundancy - best, voters - 2 * best + 1);
        if (voters + missing > maxVoters(redundancy)) {
            return new NoQuorum(voters, best);
        }
        return new Undecided(missing);
    }
}
