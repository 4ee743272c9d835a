package dev.dcp.scheduler.verify.vote;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What a batch's new answers to one subtask decide, as a function of the subtask as read in the batch's transaction:
 * the verdicts, the output accepted (if one is), how many more replicas to send, and whether the job fails. The
 * result processor reads the state, asks this, and writes what it says.
 *
 * <ul>
 * <li>Answers to a subtask that was decided already, or of a job that has ended, are late: each is judged against
 * the accepted output (nothing agrees with a failed or cancelled subtask) and nothing else changes.</li>
 * <li>An answer that reports an error is judged {@code ERROR} and its replica replaced, unless the subtask has used
 * up its attempts: then the job fails, and the subtask's other answers are left as they are.</li>
 * <li>The answers with an output vote by {@link QuorumVote}, except in an adaptive job (BOINC's adaptive
 * replication): a lone answer, with no other replica sent, stands alone when its worker is trusted and the subtask
 * is not drawn for a {@link SpotCheck}.</li>
 * <li>An accepted output judges every answered replica, and the disagreeing ones are outvoted; an undecided vote
 * asks for the agreeing answers it misses, less the replicas still out; no quorum fails the job.</li>
 * </ul>
 */
public final class AnswerDecision {

    public enum Verdict {
        ACCEPTED,
        REJECTED,
        ERROR
    }

    /** How a lone answer to an adaptive job's subtask fared. */
    public enum LoneAnswer {
        UNTRUSTED,
        SPOT_CHECK,
        TRUSTED
    }

    /**
     * The job's terms for the vote.
     *
     * @param maxAttempts   replicas of a subtask that may be sent before an error fails it
     * @param spotCheckRate the share of subtasks whose lone trusted answer is replicated anyway
     */
    public record Policy(int redundancy, boolean adaptive, int maxAttempts, double spotCheckRate) {}

    /**
     * A replica sent for the subtask, with this batch's answer laid over it.
     *
     * @param outputHash  the answer's output hash; null unanswered or for an error
     * @param outstanding sent and still awaited: not answered, expired or withdrawn
     */
    public record Replica(
            String id, String workerId, String workerKey, String outputHash, boolean answered, boolean outstanding) {}

    /**
     * The subtask as read in the batch's transaction.
     *
     * @param open         pending, in a job that has not ended
     * @param acceptedHash the output hash accepted, once it is
     * @param attempts     replicas sent so far
     * @param replicas     every replica sent, with this batch's answers laid over them
     */
    public record Subtask(
            String jobId, int index, boolean open, String acceptedHash, int attempts, List<Replica> replicas) {}

    /** One of this batch's answers to the subtask: an output's hash, or an error. */
    public record Answer(String replicaId, String workerId, String outputHash, String error) {}

    public record Judgement(String replicaId, Verdict verdict) {}

    /** An answered replica the accepted output judged. */
    public record Judged(Replica replica, boolean agrees) {}

    /**
     * The accepted output.
     *
     * @param outputOf the replica whose answer carries the output: the batch's first agreeing answer, or if none
     *                 agrees, an earlier one ({@code inBatch} false)
     * @param judged   every answered replica with an output, in the subtask's order
     */
    public record Acceptance(String outputHash, String outputOf, boolean inBatch, List<Judged> judged) {

        /** The replicas whose answer lost the vote. */
        public List<Replica> outvoted() {
            return judged.stream().filter(j -> !j.agrees()).map(Judged::replica).toList();
        }
    }

    /**
     * @param late           the answers came after the subtask was decided or the job ended
     * @param verdicts       in the order they were reached; a replica judged twice takes the last
     * @param accepted       the accepted output, or null
     * @param replicasToSend replacements for errors and the replicas the vote still misses
     * @param failure        why the job fails, or null
     * @param loneAnswer     how the adaptive shortcut went, or null when it did not apply
     */
    public record Decision(
            boolean late,
            List<Judgement> verdicts,
            Acceptance accepted,
            int replicasToSend,
            String failure,
            LoneAnswer loneAnswer) {}

    private AnswerDecision() {}

    /**
     * @param answers     this batch's answers to the subtask, in the order they came, each to a replica not
     *                    answered before
     * @param trustedKeys the worker keys among the subtask's answers that are trusted (only adaptive jobs ask)
     */
    public static Decision decide(Subtask subtask, List<Answer> answers, Policy policy, Set<String> trustedKeys) {
        List<Judgement> verdicts = new ArrayList<>();
        if (!subtask.open()) {
            for (Answer a : answers) {
                boolean agrees = a.outputHash() != null && a.outputHash().equals(subtask.acceptedHash());
                verdicts.add(new Judgement(a.replicaId(), agrees ? Verdict.ACCEPTED : Verdict.REJECTED));
            }
            return new Decision(true, verdicts, null, 0, null, null);
        }
        int replacements = 0;
        for (Answer a : answers) {
            if (a.error() != null) {
                verdicts.add(new Judgement(a.replicaId(), Verdict.ERROR));
                if (subtask.attempts() >= policy.maxAttempts()) {
                    return new Decision(
                            false,
                            verdicts,
                            null,
                            0,
                            "subtask " + subtask.index() + " failed after "
                                    + subtask.attempts() + " attempts; last: worker " + a.workerId() + " reported: "
                                    + a.error(),
                            null);
                }
                replacements++;
            }
        }
        List<QuorumVote.Ballot> ballots = new ArrayList<>();
        int outstanding = replacements;
        for (Replica r : subtask.replicas()) {
            if (r.answered() && r.outputHash() != null) {
                ballots.add(new QuorumVote.Ballot(r.workerId(), r.outputHash()));
            } else if (!r.answered() && r.outstanding()) {
                outstanding++;
            }
        }
        LoneAnswer lone = null;
        if (policy.adaptive() && subtask.replicas().size() == 1 && ballots.size() == 1 && outstanding == 0) {
            lone = loneAnswer(subtask, subtask.replicas().get(0).workerKey(), policy, trustedKeys);
        }
        QuorumVote.Verdict vote = lone == LoneAnswer.TRUSTED
                ? new QuorumVote.Accepted(ballots.get(0).outputHash())
                : QuorumVote.decide(ballots, policy.redundancy());
        if (vote instanceof QuorumVote.Accepted a) {
            Acceptance acceptance = acceptance(a.outputHash(), subtask, answers);
            acceptance
                    .judged()
                    .forEach(j -> verdicts.add(
                            new Judgement(j.replica().id(), j.agrees() ? Verdict.ACCEPTED : Verdict.REJECTED)));
            return new Decision(false, verdicts, acceptance, replacements, null, lone);
        }
        if (vote instanceof QuorumVote.Undecided u) {
            return new Decision(
                    false, verdicts, null, replacements + Math.max(0, u.missing() - outstanding), null, lone);
        }
        QuorumVote.NoQuorum n = (QuorumVote.NoQuorum) vote;
        return new Decision(
                false,
                verdicts,
                null,
                replacements,
                "subtask " + subtask.index() + " has no majority: "
                        + n.voters() + " distinct workers answered, at most " + n.largestAgreement()
                        + " agreed, and redundancy "
                        + policy.redundancy() + " allows at most " + QuorumVote.maxVoters(policy.redundancy())
                        + " voters",
                lone);
    }

    private static LoneAnswer loneAnswer(Subtask subtask, String workerKey, Policy policy, Set<String> trustedKeys) {
        if (workerKey == null || !trustedKeys.contains(workerKey)) {
            return LoneAnswer.UNTRUSTED;
        }
        return SpotCheck.draws(subtask.jobId(), subtask.index(), policy.spotCheckRate())
                ? LoneAnswer.SPOT_CHECK
                : LoneAnswer.TRUSTED;
    }

    private static Acceptance acceptance(String hash, Subtask subtask, List<Answer> answers) {
        String outputOf = null;
        boolean inBatch = false;
        for (Answer a : answers) {
            if (hash.equals(a.outputHash())) {
                outputOf = a.replicaId();
                inBatch = true;
                break;
            }
        }
        List<Judged> judged = new ArrayList<>();
        for (Replica r : subtask.replicas()) {
            if (outputOf == null && hash.equals(r.outputHash())) {
                outputOf = r.id(); // the agreeing answers all came in earlier batches
            }
            if (r.answered() && r.outputHash() != null) {
                judged.add(new Judged(r, r.outputHash().equals(hash)));
            }
        }
        return new Acceptance(hash, outputOf, inBatch, List.copyOf(judged));
    }
}
