package dev.dcp.ledger.consensus;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The votes a replica has seen, by height and hash, and each validator's latest vote. Votes with a bad signature
 * or from outside the validator set are refused. Single writer (the ingest loop); the latest votes are also read
 * by the status endpoint.
 */
public final class VoteBook {

    public record LastVote(long height, String hash) {}

    private final ValidatorSet validators;
    private final TreeMap<Long, Map<String, Map<String, Vote>>> byHeight = new TreeMap<>();
    private final Map<String, LastVote> latest = new ConcurrentHashMap<>();

    public VoteBook(ValidatorSet validators) {
        this.validators = validators;
    }

    /** Records a vote; false when it is not a validator's or its signature does not verify. */
    public boolean record(Vote vote) {
        if (vote.hash() == null
                || validators.byPublicKey(vote.publicKey()).isEmpty()
                || !vote.asSignature().verifies(vote.hash())) {
            return false;
        }
        byHeight.computeIfAbsent(vote.height(), h -> new HashMap<>())
                .computeIfAbsent(vote.hash(), h -> new HashMap<>())
                .putIfAbsent(vote.publicKey(), vote);
        latest.merge(
                vote.publicKey(),
                new LastVote(vote.height(), vote.hash()),
                (old, now) -> now.height() >= old.height() ? now : old);
        return true;
    }

    public Collection<dev.dcp.common.ledger.BlockSignature> signaturesFor(long height, String hash) {
        Map<String, Vote> votes = byHeight.getOrDefault(height, Map.of()).getOrDefault(hash, Map.of());
        List<dev.dcp.common.ledger.BlockSignature> out = new ArrayList<>(votes.size());
        for (Vote v : votes.values()) {
            out.add(v.asSignature());
        }
        return out;
    }

    /** The validators that voted for some other hash than {@code hash} at {@code height}. */
    public List<Vote> dissentingFrom(long height, String hash) {
        List<Vote> out = new ArrayList<>();
        byHeight.getOrDefault(height, Map.of()).forEach((h, votes) -> {
            if (!h.equals(hash)) {
                out.addAll(votes.values());
            }
        });
        return out;
    }

    /** The vote recorded from this key at this height, if any (the first, should it have voted more than once). */
    public Optional<Vote> voteBy(long height, String publicKey) {
        for (Map<String, Vote> votes : byHeight.getOrDefault(height, Map.of()).values()) {
            Vote v = votes.get(publicKey);
            if (v != null) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }

    public Optional<LastVote> latestOf(String publicKey) {
        return Optional.ofNullable(latest.get(publicKey));
    }

    /** Forgets votes for heights already decided, keeping a few for late dissent reports. */
    public void forgetBelow(long height) {
        byHeight.headMap(height).clear();
    }
}
