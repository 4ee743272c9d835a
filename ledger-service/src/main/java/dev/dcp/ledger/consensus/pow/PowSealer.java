package dev.dcp.ledger.consensus.pow;

import dev.dcp.common.ledger.BlockHeader;
import dev.dcp.common.ledger.BlockSignature;
import dev.dcp.ledger.consensus.Validator;
import dev.dcp.ledger.consensus.solo.SoloSealer;
import java.util.List;
import java.util.Optional;

/** Like solo, but a header is committed only with a nonce that brings its hash under the difficulty target. */
public final class PowSealer extends SoloSealer {

    private final int difficulty;

    public PowSealer(Validator miner, int difficulty) {
        super(miner);
        ProofOfWork.target(difficulty); // validates the range
        this.difficulty = difficulty;
    }

    @Override
    public String consensus() {
        return "pow";
    }

    @Override
    public int difficulty() {
        return difficulty;
    }

    @Override
    public BlockHeader seal(BlockHeader header) {
        return ProofOfWork.mine(header);
    }

    @Override
    public Optional<String> checkSeal(BlockHeader header, String hash, List<BlockSignature> signatures) {
        if (header.difficulty() != difficulty) {
            return Optional.of("difficulty is " + header.difficulty() + ", the chain requires " + difficulty);
        }
        if (!ProofOfWork.meetsTarget(hash, difficulty)) {
            return Optional.of("block hash is not below 2^(256-" + difficulty + ")");
        }
        return super.checkSeal(header, hash, signatures);
    }
}
