package dev.dcp.ledger.round;

import java.util.Optional;

/** The committed chain as the round reads it: late votes are judged against the block committed at their height. */
@FunctionalInterface
public interface ChainHistory {

    Optional<String> hashAt(long height);
}
