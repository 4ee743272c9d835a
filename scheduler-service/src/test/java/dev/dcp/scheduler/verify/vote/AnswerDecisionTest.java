package dev.dcp.scheduler.verify.vote;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dcp.scheduler.verify.vote.AnswerDecision.Answer;
import dev.dcp.scheduler.verify.vote.AnswerDecision.Decision;
import dev.dcp.scheduler.verify.vote.AnswerDecision.Judgement;
import dev.dcp.scheduler.verify.vote.AnswerDecision.LoneAnswer;
import dev.dcp.scheduler.verify.vote.AnswerDecision.Policy;
import dev.dcp.scheduler.verify.vote.AnswerDecision.Replica;
import dev.dcp.scheduler.verify.vote.AnswerDecision.Subtask;
import dev.dcp.scheduler.verify.vote.AnswerDecision.Verdict;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class AnswerDecisionTest {

    private static final int MAX_ATTEMPTS = 10;

    private static Policy redundancy(int r) {
        return new Policy(r, false, MAX_ATTEMPTS, 0.1);
    }

    private static Policy adaptive(int r, double spotCheckRate) {
        return new Policy(r, true, MAX_ATTEMPTS, spotCheckRate);
    }

    /** One subtask's replicas as stored, and the answers this batch brings, laid over them. */
    private static final class Batch {

        private final List<Replica> replicas = new ArrayList<>();
        private final List<Answer> answers = new ArrayList<>();
        private boolean open = true;
        private String acceptedHash;
        private Integer attempts;

        /** A replica answered in an earlier batch. */
        Batch earlier(String replica, String worker, String hash) {
            replicas.add(new Replica(replica, worker, keyOf(worker), hash, true, false));
            return this;
        }

        /** A replica this batch answers with an output. */
        Batch now(String replica, String worker, String hash) {
            replicas.add(new Replica(replica, worker, keyOf(worker), hash, true, false));
            answers.add(new Answer(replica, worker, hash, null));
            return this;
        }

        /** A replica this batch answers with an error (and, if {@code hash} is not null, an output as well). */
        Batch failing(String replica, String worker, String error, String hash) {
            replicas.add(new Replica(replica, worker, keyOf(worker), hash, true, false));
            answers.add(new Answer(replica, worker, hash, error));
            return this;
        }

        Batch failing(String replica, String worker, String error) {
            return failing(replica, worker, error, null);
        }

        /** A replica sent and not answered yet. */
        Batch awaiting(String replica) {
            replicas.add(new Replica(replica, null, null, null, false, true));
            return this;
        }

        /** A replica that expired or was withdrawn unanswered. */
        Batch lost(String replica) {
            replicas.add(new Replica(replica, null, null, null, false, false));
            return this;
        }

        Batch withoutWorkerKey() {
            Replica r = replicas.remove(replicas.size() - 1);
            replicas.add(new Replica(r.id(), r.workerId(), null, r.outputHash(), r.answered(), r.outstanding()));
            return this;
        }

        Batch attempts(int n) {
            attempts = n;
            return this;
        }

        /** The subtask was decided (or its job ended) before this batch; {@code hash} null when it failed. */
        Batch decidedAs(String hash) {
            open = false;
            acceptedHash = hash;
            return this;
        }

        Decision decide(Policy policy, String... trustedWorkers) {
            Set<String> trusted =
                    Arrays.stream(trustedWorkers).map(Batch::keyOf).collect(Collectors.toSet());
            Subtask subtask = new Subtask(
                    "job-1",
                    3,
                    open,
                    acceptedHash,
                    attempts == null ? replicas.size() : attempts,
                    List.copyOf(replicas));
            return AnswerDecision.decide(subtask, List.copyOf(answers), policy, trusted);
        }

        private static String keyOf(String worker) {
            return "key-" + worker;
        }
    }

    private static Batch subtask() {
        return new Batch();
    }

    private static List<String> outvotedWorkers(Decision d) {
        return d.accepted().outvoted().stream().map(Replica::workerId).toList();
    }

    // --- answers after the subtask was decided ---

    @Test
    void aLateAnswerAgreeingWithTheAcceptedOutputIsAcceptedAndChangesNothingElse() {
        Decision d = subtask()
                .earlier("r1", "A", "h1")
                .now("r2", "B", "h1")
                .decidedAs("h1")
                .decide(redundancy(1));

        assertThat(d.late()).isTrue();
        assertThat(d.verdicts()).containsExactly(new Judgement("r2", Verdict.ACCEPTED));
        assertThat(d.accepted()).isNull();
        assertThat(d.replicasToSend()).isZero();
        assertThat(d.failure()).isNull();
    }

    @Test
    void aLateAnswerDisagreeingWithTheAcceptedOutputIsRejected() {
        Decision d = subtask()
                .earlier("r1", "A", "h1")
                .now("r2", "B", "h2")
                .decidedAs("h1")
                .decide(redundancy(1));

        assertThat(d.late()).isTrue();
        assertThat(d.verdicts()).containsExactly(new Judgement("r2", Verdict.REJECTED));
    }

    @Test
    void aLateErrorIsRejectedAndNotReplaced() {
        Decision d = subtask()
                .earlier("r1", "A", "h1")
                .failing("r2", "B", "boom")
                .decidedAs("h1")
                .decide(redundancy(1));

        assertThat(d.verdicts()).containsExactly(new Judgement("r2", Verdict.REJECTED));
        assertThat(d.replicasToSend()).isZero();
    }

    @Test
    void nothingAgreesWithASubtaskThatFailedOrWasCancelled() {
        Decision d = subtask().now("r1", "A", "h1").decidedAs(null).decide(redundancy(1));

        assertThat(d.late()).isTrue();
        assertThat(d.verdicts()).containsExactly(new Judgement("r1", Verdict.REJECTED));
    }

    // --- the quorum ---

    @Test
    void aLoneAnswerUnderRedundancyOneIsAccepted() {
        Decision d = subtask().now("r1", "A", "h1").decide(redundancy(1));

        assertThat(d.late()).isFalse();
        assertThat(d.accepted().outputHash()).isEqualTo("h1");
        assertThat(d.accepted().outputOf()).isEqualTo("r1");
        assertThat(d.accepted().inBatch()).isTrue();
        assertThat(d.verdicts()).containsExactly(new Judgement("r1", Verdict.ACCEPTED));
        assertThat(d.replicasToSend()).isZero();
        assertThat(d.loneAnswer()).isNull();
    }

    @Test
    void unanimousAnswersMeetingTheRedundancyAreAcceptedAndEachJudged() {
        Decision d = subtask().earlier("r1", "A", "h1").now("r2", "B", "h1").decide(redundancy(2));

        assertThat(d.accepted().outputHash()).isEqualTo("h1");
        assertThat(d.accepted().outputOf()).isEqualTo("r2");
        assertThat(d.verdicts())
                .containsExactly(new Judgement("r1", Verdict.ACCEPTED), new Judgement("r2", Verdict.ACCEPTED));
        assertThat(d.accepted().outvoted()).isEmpty();
        assertThat(d.failure()).isNull();
    }

    @Test
    void theFirstOfTwoAnswersWaitsForTheReplicaStillOut() {
        Decision d = subtask().now("r1", "A", "h1").awaiting("r2").decide(redundancy(2));

        assertThat(d.accepted()).isNull();
        assertThat(d.verdicts()).isEmpty();
        assertThat(d.replicasToSend()).isZero();
        assertThat(d.failure()).isNull();
    }

    @Test
    void aDisagreementAsksForOneMoreReplica() {
        Decision d = subtask().now("r1", "A", "h1").now("r2", "B", "h2").decide(redundancy(2));

        assertThat(d.accepted()).isNull();
        assertThat(d.verdicts()).isEmpty();
        assertThat(d.replicasToSend()).isEqualTo(1);
    }

    @Test
    void aReplicaStillOutCountsTowardsTheAnswersADisagreementMisses() {
        Decision d = subtask()
                .earlier("r1", "A", "h1")
                .now("r2", "B", "h2")
                .awaiting("r3")
                .decide(redundancy(2));

        assertThat(d.replicasToSend()).isZero();
    }

    @Test
    void anExpiredOrWithdrawnReplicaIsNotAwaited() {
        Decision d = subtask().now("r1", "A", "h1").lost("r2").decide(redundancy(2));

        assertThat(d.replicasToSend()).isEqualTo(1);
    }

    @Test
    void theExtraReplicasAgreementAcceptsAndOutvotesTheDissenter() {
        Decision d = subtask()
                .earlier("r1", "A", "h1")
                .earlier("r2", "liar", "h2")
                .now("r3", "B", "h1")
                .decide(redundancy(2));

        assertThat(d.accepted().outputHash()).isEqualTo("h1");
        assertThat(d.accepted().outputOf()).isEqualTo("r3");
        assertThat(d.verdicts())
                .containsExactly(
                        new Judgement("r1", Verdict.ACCEPTED),
                        new Judgement("r2", Verdict.REJECTED),
                        new Judgement("r3", Verdict.ACCEPTED));
        assertThat(outvotedWorkers(d)).containsExactly("liar");
        assertThat(d.accepted().outvoted().get(0).workerKey()).isEqualTo("key-liar");
    }

    @Test
    void aWorkerAnsweringTwoReplicasCountsOnce() {
        Decision d = subtask().earlier("r1", "A", "h1").now("r2", "A", "h1").decide(redundancy(2));

        assertThat(d.accepted()).isNull();
        assertThat(d.replicasToSend()).isEqualTo(1);
    }

    @Test
    void withoutAMajorityWithinTwoRPlusOneWorkersTheJobFails() {
        Decision d = subtask()
                .earlier("r1", "A", "h1")
                .earlier("r2", "B", "h2")
                .earlier("r3", "C", "h3")
                .now("r4", "D", "h4")
                .awaiting("r5")
                .decide(redundancy(2));

        assertThat(d.accepted()).isNull();
        assertThat(d.verdicts()).isEmpty();
        assertThat(d.replicasToSend()).isZero();
        assertThat(d.failure())
                .isEqualTo("subtask 3 has no majority: 4 distinct workers answered, at most 1 agreed,"
                        + " and redundancy 2 allows at most 5 voters");
    }

    @Test
    void threeAgreeingOfFiveWorkersAreAcceptedAtTheBound() {
        Decision d = subtask()
                .earlier("r1", "A", "h1")
                .earlier("r2", "B", "h2")
                .earlier("r3", "C", "h3")
                .earlier("r4", "D", "h1")
                .now("r5", "E", "h1")
                .decide(redundancy(2));

        assertThat(d.accepted().outputHash()).isEqualTo("h1");
        assertThat(outvotedWorkers(d)).containsExactly("B", "C");
    }

    @Test
    void anOutputAgreedEarlierIsTakenFromItsStoredReplicaWhenNoNewAnswerCarriesIt() {
        Decision d =
                subtask().earlier("r1", "A", "h1").failing("r2", "B", "boom").decide(redundancy(1));

        assertThat(d.accepted().outputHash()).isEqualTo("h1");
        assertThat(d.accepted().outputOf()).isEqualTo("r1");
        assertThat(d.accepted().inBatch()).isFalse();
    }

    // --- errors ---

    @Test
    void anErrorIsJudgedAndItsReplicaReplaced() {
        Decision d = subtask().failing("r1", "A", "out of memory").decide(redundancy(1));

        assertThat(d.verdicts()).containsExactly(new Judgement("r1", Verdict.ERROR));
        assertThat(d.replicasToSend()).isEqualTo(1);
        assertThat(d.accepted()).isNull();
        assertThat(d.failure()).isNull();
    }

    @Test
    void twoErrorsInOneBatchAreEachReplaced() {
        Decision d =
                subtask().failing("r1", "A", "boom").failing("r2", "B", "boom").decide(redundancy(2));

        assertThat(d.verdicts()).extracting(Judgement::verdict).containsExactly(Verdict.ERROR, Verdict.ERROR);
        assertThat(d.replicasToSend()).isEqualTo(2);
    }

    @Test
    void theReplacementOfAnErrorCountsTowardsWhatTheVoteMisses() {
        Decision d = subtask().now("r1", "A", "h1").failing("r2", "B", "boom").decide(redundancy(2));

        assertThat(d.replicasToSend()).isEqualTo(1);
        assertThat(d.accepted()).isNull();
    }

    @Test
    void anErroredReplicaIsStillReplacedWhenTheSameBatchAcceptsTheSubtask() {
        Decision d = subtask()
                .earlier("r1", "A", "h1")
                .now("r2", "B", "h1")
                .failing("r3", "C", "boom")
                .decide(redundancy(2));

        assertThat(d.accepted().outputHash()).isEqualTo("h1");
        assertThat(d.replicasToSend()).isEqualTo(1);
        assertThat(d.verdicts())
                .containsExactly(
                        new Judgement("r3", Verdict.ERROR),
                        new Judgement("r1", Verdict.ACCEPTED),
                        new Judgement("r2", Verdict.ACCEPTED));
    }

    @Test
    void anErrorOnceTheAttemptsAreUsedUpFailsTheJobAndLeavesTheOtherAnswersUnjudged() {
        Decision d = subtask()
                .failing("r1", "A", "boom")
                .now("r2", "B", "h1")
                .failing("r3", "C", "bang")
                .attempts(MAX_ATTEMPTS)
                .decide(redundancy(1));

        assertThat(d.failure()).isEqualTo("subtask 3 failed after 10 attempts; last: worker A reported: boom");
        assertThat(d.verdicts()).containsExactly(new Judgement("r1", Verdict.ERROR));
        assertThat(d.accepted()).isNull();
        assertThat(d.replicasToSend()).isZero();
    }

    @Test
    void anErrorJustBeforeTheLastAttemptIsReplaced() {
        Decision d =
                subtask().failing("r1", "A", "boom").attempts(MAX_ATTEMPTS - 1).decide(redundancy(1));

        assertThat(d.failure()).isNull();
        assertThat(d.replicasToSend()).isEqualTo(1);
    }

    @Test
    void anErrorThatAlsoCarriesAnOutputIsReplacedAndItsOutputStillVotes() {
        Decision d = subtask().failing("r1", "A", "partial", "h1").decide(redundancy(1));

        assertThat(d.replicasToSend()).isEqualTo(1);
        assertThat(d.accepted().outputHash()).isEqualTo("h1");
        // judged twice: the vote's verdict comes last, and stands
        assertThat(d.verdicts())
                .containsExactly(new Judgement("r1", Verdict.ERROR), new Judgement("r1", Verdict.ACCEPTED));
    }

    // --- adaptive replication ---

    @Test
    void aLoneAnswerFromATrustedWorkerIsAccepted() {
        Decision d = subtask().now("r1", "A", "h1").decide(adaptive(2, 0.0), "A");

        assertThat(d.loneAnswer()).isEqualTo(LoneAnswer.TRUSTED);
        assertThat(d.accepted().outputHash()).isEqualTo("h1");
        assertThat(d.verdicts()).containsExactly(new Judgement("r1", Verdict.ACCEPTED));
        assertThat(d.replicasToSend()).isZero();
    }

    @Test
    void aLoneTrustedAnswerDrawnForASpotCheckIsReplicated() {
        Decision d = subtask().now("r1", "A", "h1").decide(adaptive(2, 1.0), "A");

        assertThat(d.loneAnswer()).isEqualTo(LoneAnswer.SPOT_CHECK);
        assertThat(d.accepted()).isNull();
        assertThat(d.replicasToSend()).isEqualTo(1);
    }

    @Test
    void theSpotCheckDrawIsTheSubtasksOwn() {
        Subtask subtask =
                new Subtask("job-1", 3, true, null, 1, List.of(new Replica("r1", "A", "key-A", "h1", true, false)));
        List<Answer> answers = List.of(new Answer("r1", "A", "h1", null));
        Decision d = AnswerDecision.decide(subtask, answers, adaptive(2, 0.5), Set.of("key-A"));

        assertThat(d.loneAnswer())
                .isEqualTo(SpotCheck.draws("job-1", 3, 0.5) ? LoneAnswer.SPOT_CHECK : LoneAnswer.TRUSTED);
    }

    @Test
    void aLoneAnswerFromAnUntrustedWorkerIsReplicatedInFull() {
        Decision d = subtask().now("r1", "A", "h1").decide(adaptive(3, 0.0), "B");

        assertThat(d.loneAnswer()).isEqualTo(LoneAnswer.UNTRUSTED);
        assertThat(d.accepted()).isNull();
        assertThat(d.replicasToSend()).isEqualTo(2);
    }

    @Test
    void aLoneAnswerWithoutAWorkerKeyIsUntrusted() {
        Decision d = subtask().now("r1", "A", "h1").withoutWorkerKey().decide(adaptive(2, 0.0), "A");

        assertThat(d.loneAnswer()).isEqualTo(LoneAnswer.UNTRUSTED);
        assertThat(d.replicasToSend()).isEqualTo(1);
    }

    @Test
    void theShortcutIsNotTakenOnceASecondReplicaWasSent() {
        Decision d = subtask().now("r1", "A", "h1").awaiting("r2").decide(adaptive(2, 0.0), "A");

        assertThat(d.loneAnswer()).isNull();
        assertThat(d.accepted()).isNull();
        assertThat(d.replicasToSend()).isZero();
    }

    @Test
    void theSecondAnswerOfASpotCheckIsVotedAsUsual() {
        Decision d = subtask().earlier("r1", "A", "h1").now("r2", "B", "h1").decide(adaptive(2, 1.0), "A");

        assertThat(d.loneAnswer()).isNull();
        assertThat(d.accepted().outputHash()).isEqualTo("h1");
    }

    @Test
    void aLoneErrorInAnAdaptiveJobIsReplacedByTheFullRedundancy() {
        Decision d = subtask().failing("r1", "A", "boom").decide(adaptive(2, 0.0), "A");

        assertThat(d.loneAnswer()).isNull();
        assertThat(d.replicasToSend()).isEqualTo(2);
    }

    @Test
    void aJobThatIsNotAdaptiveNeverTakesALoneAnswer() {
        Decision d = subtask().now("r1", "A", "h1").decide(redundancy(2), "A");

        assertThat(d.loneAnswer()).isNull();
        assertThat(d.accepted()).isNull();
        assertThat(d.replicasToSend()).isEqualTo(1);
    }
}
