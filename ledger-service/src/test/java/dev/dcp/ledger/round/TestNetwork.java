package dev.dcp.ledger.round;

import dev.dcp.common.crypto.Ed25519;
import dev.dcp.common.crypto.Hashes;
import dev.dcp.common.ledger.BlockSignature;
import dev.dcp.common.ledger.Transaction;
import dev.dcp.ledger.chain.Block;
import dev.dcp.ledger.chain.ChainTip;
import dev.dcp.ledger.consensus.Members;
import dev.dcp.ledger.consensus.Members.Member;
import dev.dcp.ledger.consensus.Sealer;
import dev.dcp.ledger.consensus.ValidatorSet;
import dev.dcp.ledger.consensus.Vote;
import dev.dcp.ledger.consensus.VoteBook;
import dev.dcp.ledger.consensus.bft.BftSealer;
import dev.dcp.ledger.consensus.pos.PosSealer;
import dev.dcp.ledger.consensus.pow.PowSealer;
import dev.dcp.ledger.consensus.solo.SoloSealer;
import dev.dcp.testkit.ManualClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Validators in memory, each a round state machine with its own vote book, on one ordered transaction log and one
 * vote log that every validator reads, as the Kafka topics are: no Spring, PostgreSQL or Kafka. Time stands still
 * until the test moves the shared clock. Built like Besu's multi-node consensus tests.
 */
final class TestNetwork {

    /** How a lying validator deviates; it runs the same state machine, but what it publishes is not the truth. */
    enum Lie {
        /** It votes, correctly signed, for a hash it did not cut. */
        VOTES_FOR_ANOTHER_HASH,
        /** Instead of its own vote, it publishes votes in the other validators' names, signed with its own key. */
        FORGES_SIGNATURES,
        /** It votes for the block it cut and, correctly signed, for another hash at the same height. */
        VOTES_TWICE,
        /** It changes the first transaction of every block it cuts, and votes for that block. */
        ALTERS_TRANSACTIONS
    }

    /** A record of the transaction log: a transaction, or a cut marker when {@code tx} is null. */
    private record TopicRecord(Transaction tx, long markerTimestamp) {}

    /** One validator: its state machine, what it sent and committed, and how far it has read each log. */
    final class Node implements RoundTransport, RoundMonitor {

        final Member member;
        final RoundLog log = new RoundLog();
        final List<VoteVerdict> verdicts = new ArrayList<>();
        final RoundStateMachine round;
        private final Lie lie;
        private boolean silent;
        private final Map<Long, String> committedHashes = new HashMap<>();
        private int txRead;
        private int votesRead;

        Node(Member member, Sealer sealer, RoundSettings settings, Lie lie, boolean silent) {
            this.member = member;
            this.lie = lie;
            this.silent = silent;
            this.round = new RoundStateMachine(
                    settings,
                    sealer,
                    new VoteBook(sealer.validators()),
                    clock,
                    new ChainTip(0, genesis.hash(), -1, clock.millis()),
                    h -> Optional.ofNullable(committedHashes.get(h)),
                    this,
                    this);
            committedHashes.put(0L, genesis.hash());
        }

        List<Block> chain() {
            return log.chain();
        }

        long height() {
            return round.tip().height();
        }

        /** Reads what is new on both logs, as far as the state machine lets it; whether anything was read. */
        private boolean step() {
            boolean progress = false;
            while (votesRead < votes.size()) {
                verdicts.add(round.onVote(votes.get(votesRead++)));
                progress = true;
            }
            while (txRead < transactions.size() && !round.awaitingVotes()) {
                TopicRecord r = transactions.get(txRead);
                if (r.tx() == null) {
                    round.onCutMarker(r.markerTimestamp(), txRead);
                } else {
                    round.onTransaction(r.tx(), txRead);
                }
                txRead++;
                progress = true;
            }
            int markers = transactions.size();
            round.onTick();
            return progress || transactions.size() > markers;
        }

        @Override
        public void sendVote(Vote vote) {
            log.sendVote(vote);
            if (lie == null || lie == Lie.ALTERS_TRANSACTIONS) {
                votes.add(vote);
                return;
            }
            switch (lie) {
                case VOTES_FOR_ANOTHER_HASH ->
                    votes.add(Vote.cast(
                            vote.height(),
                            otherHash(vote.hash()),
                            member.validator().id(),
                            member.keys()));
                case VOTES_TWICE -> {
                    votes.add(vote);
                    votes.add(Vote.cast(
                            vote.height(),
                            otherHash(vote.hash()),
                            member.validator().id(),
                            member.keys()));
                }
                case FORGES_SIGNATURES -> {
                    BlockSignature mine = BlockSignature.sign(member.validator().id(), member.keys(), vote.hash());
                    for (Node other : nodes) {
                        if (other != this) {
                            votes.add(new Vote(
                                    vote.height(),
                                    vote.hash(),
                                    other.member.validator().id(),
                                    other.member.key(),
                                    mine.signature()));
                        }
                    }
                }
                default -> throw new IllegalStateException("unreachable: " + lie);
            }
        }

        @Override
        public void sendCutMarker(long timestamp) {
            log.sendCutMarker(timestamp);
            transactions.add(new TopicRecord(null, timestamp));
        }

        @Override
        public void commit(Block block, long lastOffset) {
            log.commit(block, lastOffset);
            committedHashes.put(block.header().height(), block.hash());
        }

        @Override
        public void dissent(Vote vote, String committedHash) {
            log.dissent(vote, committedHash);
        }

        @Override
        public void quorumLate(Block proposed, Duration voteTimeout, List<Vote> dissenting) {
            log.quorumLate(proposed, voteTimeout, dissenting);
        }
    }

    static final Ed25519.KeyPair SENDER = Ed25519.generate();

    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final List<TopicRecord> transactions = new ArrayList<>();
    private final List<Vote> votes = new ArrayList<>();
    private final List<Node> nodes = new ArrayList<>();
    private final ValidatorSet validators;
    private final Block genesis;
    private long nonce;

    private TestNetwork(Builder b) {
        List<Member> members = b.powers == null ? Members.equal(b.validators) : Members.withPowers(b.powers);
        this.validators = Members.setOf(members);
        this.genesis = BlockCreator.genesis(sealer(b, members.get(0)));
        for (int i = 0; i < members.size(); i++) {
            Member m = members.get(i);
            Sealer sealer = sealer(b, m);
            Lie lie = b.lies.get(i);
            RoundSettings settings = new RoundSettings(
                    m.validator().id(),
                    m.keys(),
                    b.maxTransactions,
                    b.maxLatency,
                    b.voteTimeout,
                    lie == Lie.ALTERS_TRANSACTIONS);
            nodes.add(new Node(m, sealer, settings, lie, b.silent.contains(i)));
        }
    }

    private Sealer sealer(Builder b, Member m) {
        return switch (b.consensus) {
            case "solo" -> new SoloSealer(m.validator());
            case "pow" -> new PowSealer(m.validator(), b.difficulty);
            case "pos" -> new PosSealer(validators);
            case "bft" -> new BftSealer(validators);
            default -> throw new IllegalArgumentException("no consensus mode " + b.consensus);
        };
    }

    static Builder builder() {
        return new Builder();
    }

    ManualClock clock() {
        return clock;
    }

    Node node(int i) {
        return nodes.get(i);
    }

    /** From now on this validator reads and publishes nothing. */
    TestNetwork silence(int replica) {
        nodes.get(replica).silent = true;
        return this;
    }

    /** The validator holding this public key. */
    int indexOf(String publicKey) {
        for (int i = 0; i < nodes.size(); i++) {
            if (nodes.get(i).member.key().equals(publicKey)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no validator holds " + publicKey);
    }

    /** The validators that neither are silent nor lie. */
    List<Node> honest() {
        return nodes.stream().filter(n -> !n.silent && n.lie == null).toList();
    }

    Block genesis() {
        return genesis;
    }

    ValidatorSet validators() {
        return validators;
    }

    /** Appends {@code count} signed deposits to the transaction log, stamped with the clock's time. */
    List<Transaction> submit(int count) {
        List<Transaction> sent = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Transaction tx = Transaction.sign(
                    "DEPOSIT",
                    Map.of("account", "acct-" + nonce, "amount", 1 + nonce),
                    SENDER,
                    ++nonce,
                    clock.millis());
            transactions.add(new TopicRecord(tx, -1));
            sent.add(tx);
        }
        return sent;
    }

    /** Puts a vote on the vote log as if some replica had published it. */
    void publish(Vote vote) {
        votes.add(vote);
    }

    /** Lets every validator that is not silent read both logs until nothing new is published. */
    TestNetwork settle() {
        boolean progress = true;
        while (progress) {
            progress = false;
            for (Node n : nodes) {
                if (!n.silent) {
                    progress |= n.step();
                }
            }
        }
        return this;
    }

    /** Moves the clock on, then lets the validators act on it. */
    TestNetwork advance(Duration by) {
        clock.advance(by);
        return settle();
    }

    static String otherHash(String hash) {
        return Hashes.hex(Hashes.sha256().digest(hash.getBytes(StandardCharsets.UTF_8)));
    }

    static final class Builder {

        private String consensus = "bft";
        private int validators = 4;
        private long[] powers;
        private final Set<Integer> silent = new HashSet<>();
        private final Map<Integer, Lie> lies = new HashMap<>();
        private int maxTransactions = 5;
        private Duration maxLatency = Duration.ofMillis(200);
        private Duration voteTimeout = Duration.ofSeconds(10);
        private int difficulty = 4;

        Builder consensus(String consensus) {
            this.consensus = consensus;
            return this;
        }

        Builder validators(int n) {
            this.validators = n;
            return this;
        }

        /** Validators with these voting powers (pos: lottery weights), in place of {@code validators(n)}. */
        Builder powers(long... powers) {
            this.powers = powers;
            return this;
        }

        /** These validators read and publish nothing. */
        Builder silent(int... replicas) {
            for (int r : replicas) {
                silent.add(r);
            }
            return this;
        }

        Builder lying(int replica, Lie lie) {
            lies.put(replica, lie);
            return this;
        }

        Builder maxTransactions(int n) {
            this.maxTransactions = n;
            return this;
        }

        Builder maxLatency(Duration d) {
            this.maxLatency = d;
            return this;
        }

        Builder voteTimeout(Duration d) {
            this.voteTimeout = d;
            return this;
        }

        Builder difficulty(int bits) {
            this.difficulty = bits;
            return this;
        }

        TestNetwork build() {
            return new TestNetwork(this);
        }
    }
}
