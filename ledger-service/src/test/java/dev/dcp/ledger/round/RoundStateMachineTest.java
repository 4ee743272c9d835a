package dev.dcp.ledger.round;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dcp.common.crypto.Ed25519;
import dev.dcp.common.ledger.BlockHeader;
import dev.dcp.common.ledger.BlockSignature;
import dev.dcp.common.ledger.MerkleTree;
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
import dev.dcp.ledger.consensus.pow.ProofOfWork;
import dev.dcp.ledger.consensus.solo.SoloSealer;
import dev.dcp.testkit.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** One replica's round state machine, each phase and branch, driven by hand with a clock that stands still. */
class RoundStateMachineTest {

    static final Ed25519.KeyPair SENDER = Ed25519.generate();
    static final Duration MAX_LATENCY = Duration.ofMillis(200);
    static final Duration VOTE_TIMEOUT = Duration.ofSeconds(10);
    static final int MAX_TRANSACTIONS = 3;
    static final String TIP_HASH = "77".repeat(32);

    final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    final RoundLog log = new RoundLog();
    final Map<Long, String> history = new HashMap<>();
    final List<Member> members = Members.equal(4);
    final ValidatorSet validators = Members.setOf(members);
    long nonce;
    long offset = 100;

    RoundStateMachine replica(Sealer sealer, Member self, boolean alter) {
        RoundSettings settings = new RoundSettings(
                self.validator().id(), self.keys(), MAX_TRANSACTIONS, MAX_LATENCY, VOTE_TIMEOUT, alter);
        return new RoundStateMachine(
                settings,
                sealer,
                new VoteBook(sealer.validators()),
                clock,
                new ChainTip(9, TIP_HASH, 99, clock.millis()),
                h -> Optional.ofNullable(history.get(h)),
                log,
                log);
    }

    RoundStateMachine solo() {
        Member self = members.get(0);
        return replica(new SoloSealer(self.validator()), self, false);
    }

    RoundStateMachine bft() {
        return replica(new BftSealer(validators), members.get(0), false);
    }

    Transaction tx() {
        return Transaction.sign(
                "DEPOSIT", Map.of("account", "acct-" + nonce, "amount", 1 + nonce), SENDER, ++nonce, clock.millis());
    }

    List<Transaction> feed(RoundStateMachine round, int count) {
        List<Transaction> sent = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Transaction tx = tx();
            round.onTransaction(tx, ++offset);
            sent.add(tx);
        }
        return sent;
    }

    Vote vote(int member, long height, String hash) {
        Member m = members.get(member);
        return Vote.cast(height, hash, m.validator().id(), m.keys());
    }

    @Test
    void aNewRoundIsIdleOnTopOfTheTip() {
        RoundStateMachine round = bft();
        assertThat(round.phase()).isEqualTo(RoundPhase.IDLE);
        assertThat(round.awaitingVotes()).isFalse();
        assertThat(round.tip().height()).isEqualTo(9);
        round.onTick();
        assertThat(log.markersSent).isEmpty();
    }

    @Test
    void theFirstTransactionStartsFillingTheNextBlock() {
        RoundStateMachine round = bft();
        List<Transaction> sent = feed(round, 2);
        assertThat(round.phase()).isEqualTo(RoundPhase.FILLING);
        assertThat(round.pendingCount()).isEqualTo(2);
        assertThat(round.pendingTransactions()).containsExactlyElementsOf(sent);
        assertThat(log.votesSent).isEmpty();
    }

    @Test
    void aFullBlockIsSealedAtTheNextHeightOnTopOfTheTipAndThisReplicaVotesForIt() {
        RoundStateMachine round = bft();
        List<Transaction> sent = feed(round, MAX_TRANSACTIONS);

        assertThat(round.phase()).isEqualTo(RoundPhase.AWAITING_QUORUM);
        Proposal p = round.proposal().orElseThrow();
        BlockHeader h = p.block().header();
        assertThat(h.height()).isEqualTo(10);
        assertThat(h.prevHash()).isEqualTo(TIP_HASH);
        assertThat(h.timestamp())
                .as("the last transaction's")
                .isEqualTo(sent.get(2).timestamp());
        assertThat(h.merkleRoot())
                .isEqualTo(MerkleTree.rootHex(sent.stream().map(Transaction::id).toList()));
        assertThat(h.txCount()).isEqualTo(3);
        assertThat(h.proposer()).isEqualTo(validators.roundRobin(10).publicKey());
        assertThat(p.hash()).isEqualTo(h.hash());
        assertThat(p.lastOffset()).isEqualTo(offset);
        assertThat(p.proposedAt()).isEqualTo(clock.millis());
        assertThat(log.votesSent).singleElement().satisfies(v -> {
            assertThat(v.height()).isEqualTo(10);
            assertThat(v.hash()).isEqualTo(p.hash());
            assertThat(v.publicKey()).isEqualTo(members.get(0).key());
            assertThat(v.asSignature().verifies(p.hash())).isTrue();
        });
        assertThat(log.commits).as("one vote of four is no quorum").isEmpty();
        assertThat(round.pendingCount()).isZero();
    }

    @Test
    void underSoloAFullBlockIsCommittedAtOnceWithItsProposersSignatureAndNoVoteIsPublished() {
        RoundStateMachine round = solo();
        List<Transaction> sent = feed(round, MAX_TRANSACTIONS);

        assertThat(log.votesSent).isEmpty();
        assertThat(log.commits).singleElement().satisfies(c -> {
            assertThat(c.block().transactions()).containsExactlyElementsOf(sent);
            assertThat(c.block().signatures())
                    .extracting(BlockSignature::publicKey)
                    .containsExactly(members.get(0).key());
            assertThat(c.lastOffset())
                    .as("the offset of the last record the block consumed")
                    .isEqualTo(offset);
        });
        assertThat(round.phase()).isEqualTo(RoundPhase.IDLE);
        assertThat(round.tip())
                .isEqualTo(new ChainTip(10, log.commits.get(0).block().hash(), offset, clock.millis()));
    }

    @Test
    void underPowTheProposalIsMinedUnderTheTargetBeforeItIsCommitted() {
        Member self = members.get(0);
        RoundStateMachine round = replica(new PowSealer(self.validator(), 8), self, false);
        feed(round, MAX_TRANSACTIONS);

        assertThat(log.commits).singleElement().satisfies(c -> {
            assertThat(c.block().header().difficulty()).isEqualTo(8);
            assertThat(ProofOfWork.meetsTarget(c.block().hash(), 8)).isTrue();
        });
    }

    @Test
    void underPosTheBlockCommitsOnceTheLotteryWinnersSignatureIsRecorded() {
        PosSealer sealer = new PosSealer(validators);
        String winner = sealer.proposerFor(10, TIP_HASH);
        int winnerIndex = members.indexOf(
                members.stream().filter(m -> m.key().equals(winner)).findFirst().orElseThrow());
        Member self = members.get((winnerIndex + 1) % members.size());
        RoundStateMachine round = replica(sealer, self, false);
        feed(round, MAX_TRANSACTIONS);
        String hash = round.proposal().orElseThrow().hash();
        assertThat(log.commits).as("its own signature is not the winner's").isEmpty();

        round.onVote(vote(winnerIndex, 10, hash));
        assertThat(log.commits)
                .singleElement()
                .satisfies(c -> assertThat(c.block().signatures())
                        .extracting(BlockSignature::publicKey)
                        .containsExactly(winner));
    }

    @Test
    void nothingNewIsCutWhileAProposalAwaitsItsQuorum() {
        RoundStateMachine round = bft();
        feed(round, MAX_TRANSACTIONS);
        assertThatThrownBy(() -> round.onTransaction(tx(), ++offset)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> round.onCutMarker(clock.millis(), ++offset)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aQuorumOfVotesCommitsTheProposalWithTheirSignaturesAsItsCertificate() {
        RoundStateMachine round = bft();
        feed(round, MAX_TRANSACTIONS);
        String hash = round.proposal().orElseThrow().hash();

        assertThat(round.onVote(vote(1, 10, hash))).isEqualTo(VoteVerdict.ACCEPTED);
        assertThat(log.commits).as("two of four").isEmpty();
        round.onVote(vote(2, 10, hash));

        assertThat(log.commits)
                .singleElement()
                .satisfies(c -> assertThat(c.block().signatures())
                        .extracting(BlockSignature::publicKey)
                        .containsExactlyInAnyOrder(
                                members.get(0).key(),
                                members.get(1).key(),
                                members.get(2).key()));
        assertThat(round.phase()).isEqualTo(RoundPhase.IDLE);
        assertThat(round.tip().height()).isEqualTo(10);
        assertThat(log.dissents).isEmpty();
    }

    @Test
    void votesThatArriveBeforeTheProposalCountAsSoonAsItIsMade() {
        RoundStateMachine round = bft();
        List<Transaction> txs = List.of(tx(), tx(), tx());
        Block expected = BlockCreator.next(
                new BftSealer(validators), 10, TIP_HASH, txs, txs.get(2).timestamp());
        round.onVote(vote(1, 10, expected.hash()));
        round.onVote(vote(2, 10, expected.hash()));
        assertThat(log.commits).isEmpty();

        for (Transaction tx : txs) {
            round.onTransaction(tx, ++offset);
        }
        assertThat(log.commits)
                .singleElement()
                .satisfies(c -> assertThat(c.block().hash()).isEqualTo(expected.hash()));
    }

    @Test
    void votesForAnotherBlockAtTheProposalsHeightDoNotCountAndAreReportedAsDissentOnCommit() {
        RoundStateMachine round = bft();
        feed(round, MAX_TRANSACTIONS);
        String hash = round.proposal().orElseThrow().hash();
        String other = TestNetwork.otherHash(hash);

        round.onVote(vote(1, 10, hash));
        round.onVote(vote(3, 10, other));
        assertThat(log.commits)
                .as("a vote for another block is no vote for this one")
                .isEmpty();
        round.onVote(vote(2, 10, hash));

        assertThat(log.commits).hasSize(1);
        assertThat(log.dissents).singleElement().satisfies(d -> {
            assertThat(d.vote().publicKey()).isEqualTo(members.get(3).key());
            assertThat(d.committedHash()).isEqualTo(hash);
        });
    }

    @Test
    void aRejectedVoteIsNotCounted() {
        RoundStateMachine round = bft();
        feed(round, MAX_TRANSACTIONS);
        String hash = round.proposal().orElseThrow().hash();
        round.onVote(vote(1, 10, hash));
        Vote overOther = vote(2, 10, TestNetwork.otherHash(hash));

        VoteVerdict verdict =
                round.onVote(new Vote(10, hash, overOther.validator(), overOther.publicKey(), overOther.signature()));

        assertThat(verdict).isEqualTo(VoteVerdict.BAD_SIGNATURE);
        assertThat(log.commits).isEmpty();
        assertThat(round.onVote(vote(1, 10, hash))).isEqualTo(VoteVerdict.DUPLICATE);
        assertThat(log.commits).as("the same vote twice is one vote").isEmpty();
    }

    @Test
    void aProposalWithoutQuorumIsReportedOnceTheVoteTimeoutHasPassedAndOnlyOnce() {
        RoundStateMachine round = bft();
        feed(round, MAX_TRANSACTIONS);
        round.onVote(vote(1, 10, round.proposal().orElseThrow().hash()));

        clock.advance(VOTE_TIMEOUT);
        round.onTick();
        assertThat(log.lateQuorums).as("not at the timeout itself").isEmpty();

        clock.advance(Duration.ofMillis(1));
        round.onTick();
        clock.advance(VOTE_TIMEOUT);
        round.onTick();
        assertThat(log.lateQuorums)
                .singleElement()
                .satisfies(b -> assertThat(b.hash())
                        .isEqualTo(round.proposal().orElseThrow().hash()));
        assertThat(round.phase()).as("no re-proposal: it keeps waiting").isEqualTo(RoundPhase.AWAITING_QUORUM);
        assertThat(log.votesSent).hasSize(1);
    }

    @Test
    void aFillingBlockAsksForOneCutMarkerOnceMaxLatencyHasPassed() {
        RoundStateMachine round = bft();
        feed(round, 1);
        clock.advance(MAX_LATENCY.minusMillis(1));
        round.onTick();
        assertThat(log.markersSent).as("not before max latency").isEmpty();

        clock.advance(Duration.ofMillis(1));
        round.onTick();
        assertThat(log.markersSent).containsExactly(clock.millis());
        assertThat(round.phase()).isEqualTo(RoundPhase.CUT_REQUESTED);

        clock.advance(MAX_LATENCY);
        feed(round, 1);
        round.onTick();
        assertThat(log.markersSent).as("one marker per block").hasSize(1);
    }

    @Test
    void aCutMarkerClosesTheWaitingBlockStampedWithTheMarkersTime() {
        RoundStateMachine round = solo();
        List<Transaction> sent = feed(round, 2);
        round.onCutMarker(1_234L, ++offset);

        assertThat(log.commits).singleElement().satisfies(c -> {
            assertThat(c.block().transactions()).containsExactlyElementsOf(sent);
            assertThat(c.block().header().timestamp()).isEqualTo(1_234L);
            assertThat(c.lastOffset()).as("the marker's offset").isEqualTo(offset);
        });
    }

    @Test
    void aCutMarkerWithNothingWaitingChangesNothing() {
        RoundStateMachine round = solo();
        round.onCutMarker(1_234L, ++offset);
        assertThat(log.commits).isEmpty();
        assertThat(round.phase()).isEqualTo(RoundPhase.IDLE);
        assertThat(round.tip().kafkaOffset())
                .as("the tip moves only with a block")
                .isEqualTo(99);
    }

    @Test
    void afterACommitTheNextTransactionStartsANewLatencyWindow() {
        RoundStateMachine round = solo();
        feed(round, 1);
        clock.advance(MAX_LATENCY);
        round.onTick();
        round.onCutMarker(clock.millis(), ++offset);
        assertThat(log.commits).hasSize(1);

        clock.advance(Duration.ofSeconds(5));
        feed(round, 1);
        assertThat(round.phase()).isEqualTo(RoundPhase.FILLING);
        clock.advance(MAX_LATENCY.minusMillis(1));
        round.onTick();
        assertThat(log.markersSent)
                .as("the window runs from the new block's first transaction")
                .hasSize(1);
        clock.advance(Duration.ofMillis(1));
        round.onTick();
        assertThat(log.markersSent).hasSize(2);
    }

    @Test
    void aLateVoteAgainstABlockCommittedBelowTheTipIsDissentAndOneForItIsNot() {
        RoundStateMachine round = bft();
        String committed = "88".repeat(32);
        history.put(7L, committed);

        assertThat(round.onVote(vote(1, 7, committed))).isEqualTo(VoteVerdict.ACCEPTED);
        assertThat(log.dissents).isEmpty();
        round.onVote(vote(2, 7, TestNetwork.otherHash(committed)));
        assertThat(log.dissents).singleElement().satisfies(d -> {
            assertThat(d.vote().publicKey()).isEqualTo(members.get(2).key());
            assertThat(d.committedHash()).isEqualTo(committed);
        });
    }

    @Test
    void aLateVoteAtTheTipIsJudgedAgainstTheTipsHash() {
        RoundStateMachine round = bft();
        round.onVote(vote(1, 9, TIP_HASH));
        round.onVote(vote(2, 9, TestNetwork.otherHash(TIP_HASH)));
        assertThat(log.dissents)
                .singleElement()
                .satisfies(d -> assertThat(d.vote().publicKey())
                        .isEqualTo(members.get(2).key()));
    }

    @Test
    void aReplicaThatAltersTransactionsProposesABlockTheTopicDoesNotHold() {
        Member self = members.get(0);
        RoundStateMachine honest = bft();
        RoundStateMachine altering = replica(new BftSealer(validators), self, true);
        List<Transaction> txs = List.of(tx(), tx(), tx());
        for (Transaction tx : txs) {
            honest.onTransaction(tx, ++offset);
            altering.onTransaction(tx, offset);
        }
        Block altered = altering.proposal().orElseThrow().block();

        assertThat(altered.hash()).isNotEqualTo(honest.proposal().orElseThrow().hash());
        assertThat(altered.transactions().get(0).payload()).containsEntry("altered", true);
        assertThat(altered.transactions().get(0).isAuthentic()).isFalse();
        assertThat(altered.transactions().subList(1, 3)).isEqualTo(txs.subList(1, 3));
    }

    @Test
    void genesisIsTheSameOnEveryReplicaOfAValidatorSet() {
        Block a = BlockCreator.genesis(new BftSealer(validators));
        Block b = BlockCreator.genesis(
                new BftSealer(Members.setOf(List.of(members.get(3), members.get(1), members.get(0), members.get(2)))));
        assertThat(a).isEqualTo(b);
        assertThat(a.header().height()).isZero();
        assertThat(a.header().prevHash()).isEqualTo(BlockHeader.GENESIS_PREV_HASH);
        assertThat(a.transactions()).isEmpty();
        assertThat(a.signatures()).isEmpty();
    }
}
