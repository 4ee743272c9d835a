package dev.dcp.ledger.round;

import dev.dcp.common.crypto.Ed25519;
import java.time.Duration;

/**
 * What a replica's round needs to know about the replica.
 *
 * @param validatorId       this replica's name in the validator set, carried by its votes
 * @param key               the key this replica votes with
 * @param maxTransactions   a block closes when it holds this many transactions
 * @param maxLatency        or when its oldest transaction has waited this long (a cut marker is requested)
 * @param voteTimeout       how long a proposal may wait for its quorum before that is reported
 * @param alterTransactions fault injection for tests of Byzantine replicas: the first transaction of every block
 *                          this replica cuts is changed
 */
public record RoundSettings(
        String validatorId,
        Ed25519.KeyPair key,
        int maxTransactions,
        Duration maxLatency,
        Duration voteTimeout,
        boolean alterTransactions) {}
