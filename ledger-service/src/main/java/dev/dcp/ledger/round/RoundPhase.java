package dev.dcp.ledger.round;

/** Where the round for the next height stands. */
public enum RoundPhase {

    /** Nothing waits: no transaction since the last block. */
    IDLE,

    /** Transactions wait for the block to fill up or for a cut marker. */
    FILLING,

    /** The oldest waiting transaction has waited {@code maxLatency}: this replica published a cut marker. */
    CUT_REQUESTED,

    /** A block is cut and sealed and waits for the votes that commit it; nothing new is cut meanwhile. */
    AWAITING_QUORUM
}
