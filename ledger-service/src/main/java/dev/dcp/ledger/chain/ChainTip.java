package dev.dcp.ledger.chain;

/** The chain tip, the topic offset to resume after, and when it was committed (epoch ms). */
public record ChainTip(long height, String hash, long kafkaOffset, long committedAt) {}
