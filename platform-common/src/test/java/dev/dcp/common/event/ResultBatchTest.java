package dev.dcp.common.event;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dcp.common.crypto.Ed25519;
import dev.dcp.common.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResultBatchTest {

    private final Ed25519.KeyPair worker = Ed25519.generate();
    private final Ed25519.KeyPair other = Ed25519.generate();

    private ResultMessage answer(int index, long count) {
        SubtaskMessage task =
                new SubtaskMessage("job-1", index, "replica-" + index, "primes", Map.of("from", 0, "to", 10), 60_000);
        return ResultMessage.unsigned(task, "w-1", worker, Map.of("count", count), null, 1);
    }

    private List<ResultMessage> answers() {
        return List.of(answer(0, 4), answer(1, 7), answer(2, 9));
    }

    @Test
    void aSignedBatchProvesEveryAnswerInIt() {
        ResultBatch batch = ResultBatch.signed("w-1", worker, answers());

        assertThat(batch.authenticResults()).containsExactlyElementsOf(answers());
    }

    @Test
    void itSurvivesTheWireUnchanged() {
        ResultBatch batch = ResultBatch.signed("w-1", worker, answers());

        assertThat(Json.read(Json.write(batch), ResultBatch.class).authenticResults())
                .hasSize(3);
    }

    @Test
    void anAnswerWhoseOutputWasChangedInvalidatesTheBatch() {
        ResultBatch batch = ResultBatch.signed("w-1", worker, answers());
        List<ResultMessage> changed = new ArrayList<>(batch.results());
        ResultMessage r = changed.get(1);
        changed.set(
                1,
                new ResultMessage(
                        r.jobId(),
                        r.index(),
                        r.replicaId(),
                        r.workerId(),
                        r.workerKey(),
                        Map.of("count", 8),
                        r.outputHash(),
                        null,
                        r.cpuMillis(),
                        null));

        assertThat(new ResultBatch("w-1", batch.workerKey(), changed, batch.signature()).authenticResults())
                .isEmpty();
    }

    @Test
    void anAnswerWithAConsistentButDifferentOutputAndHashInvalidatesTheBatch() {
        ResultBatch batch = ResultBatch.signed("w-1", worker, answers());
        List<ResultMessage> changed = new ArrayList<>(batch.results());
        changed.set(1, answer(1, 8)); // its own hash matches its output, but not what was signed

        assertThat(new ResultBatch("w-1", batch.workerKey(), changed, batch.signature()).authenticResults())
                .isEmpty();
    }

    @Test
    void anAnswerAddedAfterSigningInvalidatesTheBatch() {
        ResultBatch batch = ResultBatch.signed("w-1", worker, answers());
        List<ResultMessage> more = new ArrayList<>(batch.results());
        more.add(answer(3, 11));

        assertThat(new ResultBatch("w-1", batch.workerKey(), more, batch.signature()).authenticResults())
                .isEmpty();
    }

    @Test
    void anotherKeysSignatureOrAnAnswerClaimingAnotherWorkerIsRefused() {
        ResultBatch forged = ResultBatch.signed("w-1", other, answers()); // answers name worker's key, not other's

        assertThat(forged.authenticResults()).isEmpty();
        ResultBatch stolen = new ResultBatch(
                "w-1",
                worker.publicKeyHex(),
                answers(),
                ResultBatch.signed("w-1", other, answers()).signature());
        assertThat(stolen.authenticResults()).isEmpty();
    }

    @Test
    void anEmptyBatchProvesNothing() {
        assertThat(ResultBatch.signed("w-1", worker, List.of()).authenticResults())
                .isEmpty();
    }
}
