package dev.dcp.ledger.round;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dcp.common.ledger.BlockSignature;
import dev.dcp.common.ledger.Transaction;
import dev.dcp.ledger.chain.Block;
import dev.dcp.ledger.consensus.Vote;
import dev.dcp.ledger.consensus.bft.BftSealer;
import dev.dcp.ledger.consensus.pos.PosSealer;
import dev.dcp.ledger.consensus.pow.ProofOfWork;
import dev.dcp.ledger.round.TestNetwork.Lie;
import dev.dcp.ledger.round.TestNetwork.Node;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Validator networks in memory, driven through proposals and votes with a clock that moves only when told. */
class RoundNetworkTest {

    @Test
    void fourHonestBftValidatorsCommitTheSameChainEachBlockWithAQuorumCertificate() {
        TestNetwork net = TestNetwork.builder().validators(4).build();
        List<Transaction> sent = net.submit(10);
        net.settle();

        List<String> hashes = net.node(0).log.hashes();
        assertThat(hashes).hasSize(2);
        for (Node n : net.honest()) {
            assertThat(n.log.hashes()).isEqualTo(hashes);
            assertThat(n.height()).isEqualTo(2);
        }
        BftSealer sealer = new BftSealer(net.validators());
        String prevHash = net.genesis().hash();
        for (Block b : net.node(0).chain()) {
            assertThat(b.header().prevHash()).isEqualTo(prevHash);
            assertThat(b.signatures()).hasSizeGreaterThanOrEqualTo(3);
            assertThat(sealer.checkSeal(b.header(), b.hash(), b.signatures())).isEmpty();
            prevHash = b.hash();
        }
        assertThat(net.node(0).chain().stream()
                        .flatMap(b -> b.transactions().stream())
                        .toList())
                .containsExactlyElementsOf(sent);
    }

    @Test
    void oneSilentValidatorOfFourDoesNotStopBftCommits() {
        TestNetwork net = TestNetwork.builder().validators(4).silent(3).build();
        net.submit(10);
        net.settle();

        for (Node n : net.honest()) {
            assertThat(n.log.hashes()).hasSize(2).isEqualTo(net.node(0).log.hashes());
        }
        assertThat(net.node(0).chain())
                .allSatisfy(b -> assertThat(b.signatures())
                        .extracting(BlockSignature::publicKey)
                        .hasSize(3)
                        .doesNotContain(net.node(3).member.key()));
        assertThat(net.node(3).chain()).isEmpty();
    }

    @Test
    void twoSilentValidatorsOfFourStopBftProgressWithoutACommit() {
        TestNetwork net = TestNetwork.builder()
                .validators(4)
                .silent(2, 3)
                .voteTimeout(Duration.ofSeconds(10))
                .build();
        net.submit(10);
        net.settle();

        for (Node n : net.honest()) {
            assertThat(n.chain()).isEmpty();
            assertThat(n.round.phase()).isEqualTo(RoundPhase.AWAITING_QUORUM);
            assertThat(n.log.lateQuorums).as("not before the vote timeout").isEmpty();
        }
        net.advance(Duration.ofSeconds(10).plusMillis(1));
        net.advance(Duration.ofSeconds(30));
        for (Node n : net.honest()) {
            assertThat(n.chain()).isEmpty();
            assertThat(n.log.lateQuorums)
                    .as("reported once")
                    .singleElement()
                    .satisfies(b -> assertThat(b.header().height()).isEqualTo(1));
        }
    }

    @Test
    void aValidatorVotingForAHashNobodyCutIsOutvotedAndReportedAsDissenting() {
        TestNetwork net = TestNetwork.builder()
                .validators(4)
                .lying(3, Lie.VOTES_FOR_ANOTHER_HASH)
                .build();
        net.submit(5);
        net.settle();

        String liar = net.node(3).member.key();
        for (Node n : net.honest()) {
            assertThat(n.chain())
                    .singleElement()
                    .satisfies(b -> assertThat(b.signatures())
                            .extracting(BlockSignature::publicKey)
                            .hasSize(3)
                            .doesNotContain(liar));
            assertThat(n.log.dissents).singleElement().satisfies(d -> {
                assertThat(d.vote().publicKey()).isEqualTo(liar);
                assertThat(d.committedHash()).isEqualTo(n.chain().get(0).hash());
            });
        }
    }

    @Test
    void aLiarsVoteForAnotherHashCannotStandInForASilentValidator() {
        TestNetwork net = TestNetwork.builder()
                .validators(4)
                .silent(2)
                .lying(3, Lie.VOTES_FOR_ANOTHER_HASH)
                .build();
        net.submit(5);
        net.settle();

        for (Node n : net.honest()) {
            assertThat(n.chain()).isEmpty();
            assertThat(n.round.phase()).isEqualTo(RoundPhase.AWAITING_QUORUM);
        }
    }

    @Test
    void votesForgedInOtherValidatorsNamesAreRejectedAndDoNotStandInForASilentOne() {
        TestNetwork net = TestNetwork.builder()
                .validators(4)
                .silent(2)
                .lying(3, Lie.FORGES_SIGNATURES)
                .build();
        net.submit(5);
        net.settle();

        for (Node n : net.honest()) {
            assertThat(n.chain()).isEmpty();
            assertThat(n.verdicts).contains(VoteVerdict.BAD_SIGNATURE);
        }
    }

    @Test
    void aValidatorVotingTwiceAtOneHeightCountsOnceAndNoReplicaCommitsTheOtherHash() {
        // with validator 2 silent, the equivocator's first vote is needed for the quorum of 3
        TestNetwork net = TestNetwork.builder()
                .validators(4)
                .silent(2)
                .lying(3, Lie.VOTES_TWICE)
                .build();
        net.submit(10);
        net.settle();

        List<String> hashes = net.node(0).log.hashes();
        assertThat(hashes).hasSize(2);
        for (Node n : List.of(net.node(0), net.node(1), net.node(3))) {
            assertThat(n.log.hashes()).as("no fork").isEqualTo(hashes);
            assertThat(n.verdicts).contains(VoteVerdict.CONFLICTING);
        }
        assertThat(net.node(0).log.dissents)
                .as("the second vote is not recorded")
                .isEmpty();
    }

    @Test
    void aReplicaThatAltersItsBlocksNeverCommitsThemWhileTheHonestOnesCommitTheTopic() {
        TestNetwork net = TestNetwork.builder()
                .validators(4)
                .lying(3, Lie.ALTERS_TRANSACTIONS)
                .build();
        List<Transaction> sent = net.submit(5);
        net.settle();

        for (Node n : net.honest()) {
            assertThat(n.chain())
                    .singleElement()
                    .satisfies(b -> assertThat(b.transactions()).containsExactlyElementsOf(sent));
            assertThat(n.log.dissents)
                    .extracting(d -> d.vote().publicKey())
                    .containsExactly(net.node(3).member.key());
        }
        assertThat(net.node(3).chain()).isEmpty();
        assertThat(net.node(3).round.phase()).isEqualTo(RoundPhase.AWAITING_QUORUM);
    }

    @Test
    void posBlocksCommitWithTheLotteryWinnersSignatureOnEveryReplica() {
        TestNetwork net = TestNetwork.builder().consensus("pos").powers(1, 2, 5).build();
        net.submit(15);
        net.settle();

        List<String> hashes = net.node(0).log.hashes();
        assertThat(hashes).hasSize(3);
        PosSealer sealer = new PosSealer(net.validators());
        for (Node n : net.honest()) {
            assertThat(n.log.hashes()).isEqualTo(hashes);
            assertThat(n.chain()).allSatisfy(b -> {
                assertThat(b.signatures())
                        .singleElement()
                        .satisfies(s ->
                                assertThat(s.publicKey()).isEqualTo(b.header().proposer()));
                assertThat(sealer.checkSeal(b.header(), b.hash(), b.signatures()))
                        .isEmpty();
            });
        }
    }

    @Test
    void aSilentLotteryWinnerStopsPosAtItsHeightOnEveryOtherReplica() {
        TestNetwork net = TestNetwork.builder().consensus("pos").powers(1, 2, 5).build();
        int winner = net.indexOf(
                new PosSealer(net.validators()).proposerFor(1, net.genesis().hash()));
        net.silence(winner);
        net.submit(5);
        net.settle();
        net.advance(Duration.ofMinutes(1));

        for (int i = 0; i < 3; i++) {
            if (i != winner) {
                assertThat(net.node(i).chain()).isEmpty();
                assertThat(net.node(i).log.lateQuorums).hasSize(1);
            }
        }
    }

    @Test
    void soloCommitsEveryFullBlockAtOnceWithoutPublishingAVote() {
        TestNetwork net = TestNetwork.builder().consensus("solo").validators(1).build();
        net.submit(10);
        net.settle();

        Node solo = net.node(0);
        assertThat(solo.chain())
                .hasSize(2)
                .allSatisfy(b -> assertThat(b.signatures())
                        .singleElement()
                        .satisfies(s -> assertThat(s.verifies(b.hash())).isTrue()));
        assertThat(solo.log.votesSent).isEmpty();
    }

    @Test
    void powMinesEveryBlockUnderTheDifficultyTarget() {
        TestNetwork net = TestNetwork.builder()
                .consensus("pow")
                .validators(1)
                .difficulty(8)
                .build();
        net.submit(10);
        net.settle();

        assertThat(net.node(0).chain()).hasSize(2).allSatisfy(b -> {
            assertThat(b.header().difficulty()).isEqualTo(8);
            assertThat(ProofOfWork.meetsTarget(b.hash(), 8)).isTrue();
        });
    }

    @Test
    void aBlockThatIsNotFullIsCutByTheMarkersOnceMaxLatencyHasPassed() {
        TestNetwork net = TestNetwork.builder()
                .validators(4)
                .maxLatency(Duration.ofMillis(200))
                .build();
        List<Transaction> sent = net.submit(3);
        net.settle();
        net.advance(Duration.ofMillis(199));
        assertThat(net.node(0).chain()).isEmpty();
        assertThat(net.node(0).round.phase()).isEqualTo(RoundPhase.FILLING);

        assertThat(net.honest()).allSatisfy(n -> assertThat(n.log.markersSent).isEmpty());

        net.advance(Duration.ofMillis(1));
        assertThat(net.node(0).log.markersSent).containsExactly(net.clock().millis());
        for (Node n : net.honest()) {
            assertThat(n.log.markersSent).as("a replica asks once at most").hasSizeLessThanOrEqualTo(1);
            assertThat(n.chain()).singleElement().satisfies(b -> {
                assertThat(b.transactions()).containsExactlyElementsOf(sent);
                assertThat(b.header().timestamp())
                        .as("the marker's time")
                        .isEqualTo(net.clock().millis());
            });
            assertThat(n.round.phase()).isEqualTo(RoundPhase.IDLE);
        }
    }

    @Test
    void aLateVoteForTheCommittedBlockIsRecordedAndChangesNothing() {
        TestNetwork net = TestNetwork.builder().validators(4).silent(3).build();
        net.submit(5);
        net.settle();
        Node late = net.node(3);
        String committed = net.node(0).chain().get(0).hash();

        net.publish(Vote.cast(1, committed, late.member.validator().id(), late.member.keys()));
        net.settle();
        for (Node n : net.honest()) {
            assertThat(n.verdicts).last().isEqualTo(VoteVerdict.ACCEPTED);
            assertThat(n.chain()).hasSize(1);
            assertThat(n.log.dissents).isEmpty();
        }
    }

    @Test
    void aLateVoteAgainstTheCommittedBlockIsReportedAsDissent() {
        TestNetwork net = TestNetwork.builder().validators(4).silent(3).build();
        net.submit(5);
        net.settle();
        Node late = net.node(3);
        String committed = net.node(0).chain().get(0).hash();

        net.publish(Vote.cast(
                1, TestNetwork.otherHash(committed), late.member.validator().id(), late.member.keys()));
        net.settle();
        for (Node n : net.honest()) {
            assertThat(n.chain()).hasSize(1);
            assertThat(n.log.dissents).singleElement().satisfies(d -> {
                assertThat(d.vote().publicKey()).isEqualTo(late.member.key());
                assertThat(d.committedHash()).isEqualTo(committed);
            });
        }
    }

    @Test
    void everyReplicaReadsItsOwnVoteBackAsADuplicate() {
        TestNetwork net = TestNetwork.builder().validators(4).build();
        net.submit(5);
        net.settle();

        for (Node n : net.honest()) {
            assertThat(n.verdicts).filteredOn(v -> v == VoteVerdict.DUPLICATE).hasSize(1);
            assertThat(n.verdicts).filteredOn(VoteVerdict::accepted).hasSize(3);
        }
    }
}
