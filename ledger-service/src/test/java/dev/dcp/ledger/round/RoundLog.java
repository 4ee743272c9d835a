package dev.dcp.ledger.round;

import dev.dcp.ledger.chain.Block;
import dev.dcp.ledger.consensus.Vote;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A transport and monitor that keep what the round sent, committed and reported, for tests to look at. */
class RoundLog implements RoundTransport, RoundMonitor {

    record Commit(Block block, long lastOffset) {}

    record Dissent(Vote vote, String committedHash) {}

    final List<Vote> votesSent = new ArrayList<>();
    final List<Long> markersSent = new ArrayList<>();
    final List<Commit> commits = new ArrayList<>();
    final List<Dissent> dissents = new ArrayList<>();
    final List<Block> lateQuorums = new ArrayList<>();

    @Override
    public void sendVote(Vote vote) {
        votesSent.add(vote);
    }

    @Override
    public void sendCutMarker(long timestamp) {
        markersSent.add(timestamp);
    }

    @Override
    public void commit(Block block, long lastOffset) {
        commits.add(new Commit(block, lastOffset));
    }

    @Override
    public void dissent(Vote vote, String committedHash) {
        dissents.add(new Dissent(vote, committedHash));
    }

    @Override
    public void quorumLate(Block proposed, Duration voteTimeout, List<Vote> dissenting) {
        lateQuorums.add(proposed);
    }

    List<Block> chain() {
        return commits.stream().map(Commit::block).toList();
    }

    List<String> hashes() {
        return commits.stream().map(c -> c.block().hash()).toList();
    }
}
