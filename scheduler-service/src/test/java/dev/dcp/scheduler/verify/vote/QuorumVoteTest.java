package dev.dcp.scheduler.verify.vote;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dcp.scheduler.verify.vote.QuorumVote.Accepted;
import dev.dcp.scheduler.verify.vote.QuorumVote.Ballot;
import dev.dcp.scheduler.verify.vote.QuorumVote.Undecided;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class QuorumVoteTest {

    private static Ballot ballot(String worker, String hash) {
        return new Ballot(worker, hash);
    }

    @Test
    void redundancyOneAcceptsTheFirstAnswer() {
        assertThat(QuorumVote.decide(List.of(ballot("A", "h1")), 1)).isEqualTo(new Accepted("h1"));
    }

    @Test
    void redundancyOneWithNoAnswerYetMissesOne() {
        assertThat(QuorumVote.decide(List.of(), 1)).isEqualTo(new Undecided(1));
    }

    @Test
    void redundancyTwoWithNoAnswerYetMissesTwo() {
        assertThat(QuorumVote.decide(List.of(), 2)).isEqualTo(new Undecided(2));
    }

    @Test
    void redundancyTwoWithOneAnswerMissesOne() {
        assertThat(QuorumVote.decide(List.of(ballot("A", "h1")), 2)).isEqualTo(new Undecided(1));
    }

    @Test
    void redundancyTwoAcceptsTwoDistinctWorkersAgreeing() {
        assertThat(QuorumVote.decide(List.of(ballot("A", "h1"), ballot("B", "h1")), 2))
                .isEqualTo(new Accepted("h1"));
    }

    @Test
    void sameWorkerTwiceDoesNotCountTwice() {
        assertThat(QuorumVote.decide(List.of(ballot("A", "h1"), ballot("A", "h1")), 2))
                .isEqualTo(new Undecided(1));
    }

    @Test
    void sameWorkerManyTimesDoesNotReachAQuorumOfThree() {
        List<Ballot> ballots = Collections.nCopies(10, ballot("A", "h1"));

        assertThat(QuorumVote.decide(ballots, 3)).isEqualTo(new Undecided(2));
    }

    @Test
    void workerChangingItsAnswerKeepsOnlyItsFirst() {
        List<Ballot> ballots = List.of(ballot("A", "h1"), ballot("A", "h2"), ballot("B", "h2"));

        assertThat(QuorumVote.decide(ballots, 2)).isEqualTo(new Undecided(1));
    }

    @Test
    void disagreementOfTwoIsUndecidedMissingOne() {
        assertThat(QuorumVote.decide(List.of(ballot("A", "h1"), ballot("B", "h2")), 2))
                .isEqualTo(new Undecided(1));
    }

    @Test
    void threeWayDisagreementWithRedundancyThreeMissesTwo() {
        List<Ballot> ballots = List.of(ballot("A", "h1"), ballot("B", "h2"), ballot("C", "h3"));

        assertThat(QuorumVote.decide(ballots, 3)).isEqualTo(new Undecided(2));
    }

    @Test
    void missingCountsFromTheLargestAgreeingGroup() {
        List<Ballot> ballots = List.of(ballot("A", "h1"), ballot("B", "h2"), ballot("C", "h2"), ballot("D", "h3"));

        assertThat(QuorumVote.decide(ballots, 4)).isEqualTo(new Undecided(2));
    }

    @Test
    void majorityAfterAnExtraReplicaIsAccepted() {
        List<Ballot> ballots = List.of(ballot("A", "h1"), ballot("B", "h2"), ballot("C", "h1"));

        assertThat(QuorumVote.decide(ballots, 2)).isEqualTo(new Accepted("h1"));
    }

    @Test
    void laterAgreementOnTheSecondAnswerIsAccepted() {
        List<Ballot> ballots = List.of(ballot("A", "h1"), ballot("B", "h2"), ballot("C", "h2"));

        assertThat(QuorumVote.decide(ballots, 2)).isEqualTo(new Accepted("h2"));
    }

    @Test
    void aTieIsNotAMajorityEvenWhenEachSideReachesTheRedundancy() {
        List<Ballot> ballots = List.of(ballot("A", "h1"), ballot("B", "h2"), ballot("C", "h1"), ballot("D", "h2"));

        assertThat(QuorumVote.decide(ballots, 2)).isEqualTo(new Undecided(1));
    }

    @Test
    void fourDifferentAnswersUnderRedundancyTwoCanNoLongerReachAMajorityOfFive() {
        List<Ballot> ballots = List.of(ballot("A", "h1"), ballot("B", "h2"), ballot("C", "h3"), ballot("D", "h4"));

        assertThat(QuorumVote.decide(ballots, 2)).isEqualTo(new QuorumVote.NoQuorum(4, 1));
    }

    @Test
    void threeOfFiveAgreeingIsAcceptedAtTheBound() {
        List<Ballot> ballots =
                List.of(ballot("A", "h1"), ballot("B", "h2"), ballot("C", "h3"), ballot("D", "h1"), ballot("E", "h1"));

        assertThat(QuorumVote.decide(ballots, 2)).isEqualTo(new Accepted("h1"));
    }

    @Test
    void randomBallotsAreDecidedAsANaiveCountOfDistinctWorkersWould() {
        Random random = new Random(77);
        for (int i = 0; i < 5000; i++) {
            int redundancy = 1 + random.nextInt(4);
            List<Ballot> ballots = new ArrayList<>();
            int count = random.nextInt(8);
            for (int b = 0; b < count; b++) {
                ballots.add(ballot("w" + random.nextInt(5), "h" + random.nextInt(3)));
            }

            // naive: each worker's first answer, then distinct workers per hash
            Map<String, String> firstAnswer = new LinkedHashMap<>();
            for (Ballot b : ballots) {
                if (!firstAnswer.containsKey(b.workerId())) {
                    firstAnswer.put(b.workerId(), b.outputHash());
                }
            }
            Map<String, Integer> support = new HashMap<>();
            firstAnswer.values().forEach(h -> support.merge(h, 1, Integer::sum));
            int best =
                    support.values().stream().mapToInt(Integer::intValue).max().orElse(0);

            QuorumVote.Verdict verdict = QuorumVote.decide(ballots, redundancy);

            int voters = firstAnswer.size();
            if (best >= redundancy && 2 * best > voters) {
                assertThat(verdict).as("%s r=%d", ballots, redundancy).isInstanceOf(Accepted.class);
                String accepted = ((Accepted) verdict).outputHash();
                assertThat(support.get(accepted))
                        .as("%s r=%d", ballots, redundancy)
                        .isEqualTo(best);
            } else {
                // the fewest further answers that could still make an agreeing strict majority
                int missing = 0;
                while (best + missing < redundancy || 2 * (best + missing) <= voters + missing) {
                    missing++;
                }
                if (voters + missing > 2 * redundancy + 1) {
                    assertThat(verdict)
                            .as("%s r=%d", ballots, redundancy)
                            .isEqualTo(new QuorumVote.NoQuorum(voters, best));
                } else {
                    assertThat(verdict).as("%s r=%d", ballots, redundancy).isEqualTo(new Undecided(missing));
                }
            }
        }
    }
}
