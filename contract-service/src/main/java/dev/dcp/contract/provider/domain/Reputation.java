package dev.dcp.contract.provider.domain;

import java.util.Collection;

/**
 * A worker's reputation, after BOINC's adaptive replication: what counts is its run of consecutive accepted
 * answers, which any outvoted answer resets to zero. The score is {@code n / (n + 1)} for a run of n: 0 for a new
 * or just-caught worker, 0.5 after one good answer, 0.9 after nine, approaching 1. A worker is <em>trusted</em>
 * (its answers may go unreplicated, with spot checks) from {@code trustedAfter} consecutive valid answers.
 */
public record Reputation(long consecutiveValid) {

    public Reputation {
        if (consecutiveValid < 0) {
            throw new IllegalArgumentException("consecutiveValid must not be negative");
        }
    }

    public double score() {
        return (double) consecutiveValid / ((double) consecutiveValid + 1);
    }

    public boolean trusted(long trustedAfter) {
        return consecutiveValid >= trustedAfter;
    }

    public Reputation accepted(long answers) {
        if (answers < 0) {
            throw new IllegalArgumentException("a count of answers is never negative");
        }
        return new Reputation(Math.addExact(consecutiveValid, answers));
    }

    public Reputation outvoted() {
        return new Reputation(0);
    }

    /** A provider's reputation: the mean of its workers' scores, 0 while it has none. */
    public static double meanScore(Collection<Reputation> workers) {
        return workers.stream().mapToDouble(Reputation::score).average().orElse(0.0);
    }
}
