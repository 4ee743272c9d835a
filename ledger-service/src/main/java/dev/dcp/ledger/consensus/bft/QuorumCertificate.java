package dev.dcp.ledger.consensus.bft;

import dev.dcp.common.ledger.BlockSignature;
import dev.dcp.ledger.consensus.Validator;
import dev.dcp.ledger.consensus.ValidatorSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Signatures over one block hash that together hold at least 2/3 of the voting power: the proof that a
 * {@code bft} block is final. Only valid signatures of distinct validators in the set count.
 */
public record QuorumCertificate(String blockHash, List<BlockSignature> signatures) {

    /** The certificate these signatures form, if they reach the quorum. */
    public static Optional<QuorumCertificate> form(
            ValidatorSet validators, String blockHash, List<BlockSignature> signatures) {
        Map<String, BlockSignature> counted = new LinkedHashMap<>();
        long power = 0;
        for (BlockSignature s : signatures) {
            Optional<Validator> v = validators.byPublicKey(s.publicKey());
            if (v.isEmpty() || counted.containsKey(s.publicKey()) || !s.verifies(blockHash)) {
                continue;
            }
            counted.put(s.publicKey(), s);
            power += v.get().power();
        }
        if (!validators.isQuorum(power)) {
            return Optional.empty();
        }
        return Optional.of(new QuorumCertificate(blockHash, new ArrayList<>(counted.values())));
    }
}
