package dev.dcp.ledger.consensus.bft;

import dev.dcp.common.ledger.BlockHeader;
import dev.dcp.common.ledger.BlockSignature;
import dev.dcp.ledger.consensus.Sealer;
import dev.dcp.ledger.consensus.ValidatorSet;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Every validator signs the hash of the block it cut; a block is committed when signatures over the same hash
 * hold at least 2/3 of the voting power. A replica that cut something else cannot reach a quorum for it.
 */
public final class BftSealer implements Sealer {

    private final ValidatorSet validators;

    public BftSealer(ValidatorSet validators) {
        this.validators = validators;
    }

    @Override
    public String consensus() {
        return "bft";
    }

    @Override
    public ValidatorSet validators() {
        return validators;
    }

    @Override
    public boolean collectsVotes() {
        return true;
    }

    @Override
    public String proposerFor(long height, String prevHash) {
        return validators.roundRobin(height).publicKey();
    }

    @Override
    public Optional<List<BlockSignature>> commitWith(
            BlockHeader header, String hash, Collection<BlockSignature> votes) {
        return QuorumCertificate.form(validators, hash, List.copyOf(votes)).map(QuorumCertificate::signatures);
    }

    @Override
    public Optional<String> checkSeal(BlockHeader header, String hash, List<BlockSignature> signatures) {
        Optional<String> common = Sealer.checkCommonFields(this, header);
        if (common.isPresent()) {
            return common;
        }
        Optional<QuorumCertificate> qc = QuorumCertificate.form(validators, hash, signatures);
        if (qc.isEmpty()) {
            return Optional.of("the quorum certificate does not hold 2/3 of the voting power in valid signatures");
        }
        if (qc.get().signatures().size() != signatures.size()) {
            return Optional.of(
                    "the quorum certificate contains a signature that is invalid, repeated or not a validator's");
        }
        return Optional.empty();
    }
}
