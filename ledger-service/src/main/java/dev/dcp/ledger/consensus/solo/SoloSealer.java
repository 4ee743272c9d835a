package dev.dcp.ledger.consensus.solo;

import dev.dcp.common.ledger.BlockHeader;
import dev.dcp.common.ledger.BlockSignature;
import dev.dcp.ledger.consensus.Sealer;
import dev.dcp.ledger.consensus.Validator;
import dev.dcp.ledger.consensus.ValidatorSet;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** One validator proposes every block and signs its hash; its signature alone commits the block. */
public class SoloSealer implements Sealer {

    private final ValidatorSet validators;
    private final String validatorKey;

    public SoloSealer(Validator validator) {
        this.validators = new ValidatorSet(List.of(validator));
        this.validatorKey = validator.publicKey();
    }

    @Override
    public String consensus() {
        return "solo";
    }

    @Override
    public ValidatorSet validators() {
        return validators;
    }

    @Override
    public String proposerFor(long height, String prevHash) {
        return validatorKey;
    }

    @Override
    public Optional<List<BlockSignature>> commitWith(
            BlockHeader header, String hash, Collection<BlockSignature> votes) {
        return Sealer.signatureBy(validatorKey, hash, votes).map(List::of);
    }

    @Override
    public Optional<String> checkSeal(BlockHeader header, String hash, List<BlockSignature> signatures) {
        return Sealer.checkCommonFields(this, header)
                .or(() -> Sealer.checkProposerSignatureOnly(this, header, hash, signatures));
    }
}
