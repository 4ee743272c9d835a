package dev.dcp.ledger.chain;

import dev.dcp.common.ledger.BlockHeader;
import java.util.List;

/** A stored block exactly as the database holds it, for the auditor: nothing is recomputed here. */
public record StoredBlock(
        BlockHeader header, String storedHash, List<String> txIds, List<String> txBodies, String signaturesJson) {}
