package dev.dcp.ledger.round;

import dev.dcp.ledger.chain.ChainTip;

/**
 * The state of the round for the height after the tip: when its oldest waiting transaction arrived, whether a cut
 * marker was requested for it, and the proposal waiting for votes. Single writer: the round state machine.
 */
final class RoundState {

    private ChainTip tip;
    private Proposal proposal;
    private long fillingSince;
    private boolean cutRequested;
    private boolean quorumLateReported;

    RoundState(ChainTip tip) {
        this.tip = tip;
    }

    /** The phase, given how many transactions wait in the cutter for the next block. */
    RoundPhase phase(int waiting) {
        if (proposal != null) {
            return RoundPhase.AWAITING_QUORUM;
        }
        if (waiting == 0) {
            return RoundPhase.IDLE;
        }
        return cutRequested ? RoundPhase.CUT_REQUESTED : RoundPhase.FILLING;
    }

    ChainTip tip() {
        return tip;
    }

    long nextHeight() {
        return tip.height() + 1;
    }

    Proposal proposal() {
        return proposal;
    }

    long fillingSince() {
        return fillingSince;
    }

    boolean quorumLateReported() {
        return quorumLateReported;
    }

    /** The first transaction of a new block arrived: the latency window starts. */
    void startFilling(long now) {
        fillingSince = now;
        cutRequested = false;
    }

    void cutRequested() {
        cutRequested = true;
    }

    /** A block was cut: nothing waits in the cutter any more, the proposal waits for votes. */
    void proposed(Proposal p) {
        proposal = p;
        quorumLateReported = false;
    }

    void quorumLate() {
        quorumLateReported = true;
    }

    /** The proposal is committed: the round moves on to the next height. */
    void committed(ChainTip newTip) {
        tip = newTip;
        proposal = null;
    }
}
