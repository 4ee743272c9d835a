package dev.dcp.ledger.chain;

import dev.dcp.common.ledger.BlockHeader;
import dev.dcp.common.ledger.BlockSignature;
import dev.dcp.common.ledger.Transaction;
import java.util.List;

/** A committed block: header, its hash, its transactions in order, and the signatures over the hash. */
public record Block(BlockHeader header, String hash, List<Transaction> transactions, List<BlockSignature> signatures) {}
