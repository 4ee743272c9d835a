package dev.dcp.ledger.consensus.solo;

import dev.dcp.common.crypto.Ed25519;
import dev.dcp.common.ledger.BlockHeader;
import dev.dcp.common.ledger.BlockSignature;
import dev.dcp.ledger.consensus.Sealer;
import java.util.List;

/** One validator proposes every block and signs its hash. */
public final class SoloSealer implements Sealer {

    private final Ed25519.KeyPair validator;
    private final String validatorId;

    public SoloSealer(Ed25519.KeyPair validator, String validatorId) {
        this.validator = validator;
        this.validatorId = validatorId;
    }

    @Override
    public String consensus() {
        return "solo";
    }

    @Override
    public String proposerFor(long height, String prevHash) {
        return validator.publicKeyHex();
    }

    @Override
    public Sealed seal(BlockHeader header) {
        String hash = header.hash();
        return new Sealed(header, hash, List.of(BlockSignature.sign(validatorId, validator, hash)));
    }

    @Override
    public boolean verifySeal(BlockHeader header, List<BlockSignature> signatures) {
        String hash = header.hash();
        return signatures.size() == 1
                && signatures.get(0).publicKey().equals(header.proposer())
                && signatures.get(0).verifies(hash);
    }
}
