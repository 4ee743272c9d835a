package dev.dcp.ledger.consensus.pos;

import dev.dcp.common.ledger.BlockHeader;
import dev.dcp.common.ledger.BlockSignature;
import dev.dcp.ledger.consensus.Sealer;
import dev.dcp.ledger.consensus.ValidatorSet;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** The lottery's proposer signs the block hash; its signature, from whichever replica holds its key, commits it. */
public final class PosSealer implements Sealer {

    private final ValidatorSet validators;

    public PosSealer(ValidatorSet validators) {
        this.validators = validators;
    }

    @Override
    public String consensus() {
        return "pos";
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
        return StakeLottery.draw(validators, prevHash, height).publicKey();
    }

    @Override
    public Optional<List<BlockSignature>> commitWith(
            BlockHeader header, String hash, Collection<BlockSignature> votes) {
        return Sealer.signatureBy(header.proposer(), hash, votes).map(List::of);
    }

    @Override
    public Optional<String> checkSeal(BlockHeader header, String hash, List<BlockSignature> signatures) {
        return Sealer.checkCommonFields(this, header)
                .or(() -> Sealer.checkProposerSignatureOnly(this, header, hash, signatures));
    }
}
