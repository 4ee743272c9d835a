package dev.dcp.ledger.consensus;

import dev.dcp.common.ledger.BlockHeader;
import dev.dcp.common.ledger.BlockSignature;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The rules of one consensus mode: who proposes a height, how a header is sealed, which signatures make a block
 * committed, and how an auditor re-checks a stored block. Plain Java; the ingest loop drives it.
 */
public interface Sealer {

    String consensus();

    ValidatorSet validators();

    /** Leading zero bits under {@code pow}; 0 otherwise. */
    default int difficulty() {
        return 0;
    }

    /** The proposer's public key for this height: derived from the chain and the validator set alone. */
    String proposerFor(long height, String prevHash);

    /** The header as committed: {@code pow} mines its nonce, the other modes leave it as cut. */
    default BlockHeader seal(BlockHeader header) {
        return header;
    }

    /** The signatures to store with the block, once {@code votes} for its hash suffice to commit it. */
    Optional<List<BlockSignature>> commitWith(BlockHeader header, String hash, Collection<BlockSignature> votes);

    /** Why a stored block's seal or signatures do not hold, or empty when they do. */
    Optional<String> checkSeal(BlockHeader header, String hash, List<BlockSignature> signatures);

    /** Whether other replicas' votes are needed ({@code pos}, {@code bft}) or this replica commits alone. */
    default boolean collectsVotes() {
        return false;
    }

    /** The signature by {@code publicKey} among {@code votes} that verifies against {@code hash}. */
    static Optional<BlockSignature> signatureBy(String publicKey, String hash, Collection<BlockSignature> votes) {
        return votes.stream()
                .filter(v -> v.publicKey().equals(publicKey) && v.verifies(hash))
                .findFirst();
    }

    /** Header fields every mode checks the same way. */
    static Optional<String> checkCommonFields(Sealer sealer, BlockHeader header) {
        if (!sealer.consensus().equals(header.consensus())) {
            return Optional.of("consensus is " + header.consensus() + ", the chain runs " + sealer.consensus());
        }
        if (!"pow".equals(header.consensus()) && (header.difficulty() != 0 || header.nonce() != 0)) {
            return Optional.of("difficulty and nonce must be 0 outside pow");
        }
        if (!header.proposer().equals(sealer.proposerFor(header.height(), header.prevHash()))) {
            return Optional.of(
                    "proposer " + header.proposer() + " is not the one chosen for height " + header.height());
        }
        return Optional.empty();
    }

    /** The seal of solo, pow and pos blocks: exactly one signature, the proposer's, over the block hash. */
    static Optional<String> checkProposerSignatureOnly(
            Sealer sealer, BlockHeader header, String hash, List<BlockSignature> signatures) {
        if (signatures.size() != 1
                || !header.proposer().equals(signatures.get(0).publicKey())) {
            return Optional.of("a " + sealer.consensus() + " block carries exactly its proposer's signature");
        }
        if (!signatures.get(0).verifies(hash)) {
            return Optional.of("the proposer's signature does not verify against the block hash");
        }
        return Optional.empty();
    }
}
