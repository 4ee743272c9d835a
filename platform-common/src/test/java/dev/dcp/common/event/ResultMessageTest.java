package dev.dcp.common.event;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dcp.common.crypto.Ed25519;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResultMessageTest {

    private static final Ed25519.KeyPair KEYS = Ed25519.generate();
    private static final SubtaskMessage TASK =
            new SubtaskMessage("job-1", 3, "replica-3-a", "primes", Map.of("from", 0, "to", 100), 30_000);
    private static final Map<String, Object> OUTPUT = Map.of("count", 25);

    private static ResultMessage result() {
        return ResultMessage.signed(TASK, "worker-1", KEYS, OUTPUT, null, 120);
    }

    private static ResultMessage copy(
            ResultMessage r, Map<String, Object> output, String outputHash, String workerId, long cpuMillis) {
        return new ResultMessage(
                r.jobId(),
                r.index(),
                r.replicaId(),
                workerId,
                r.workerKey(),
                output,
                outputHash,
                r.error(),
                cpuMillis,
                r.signature());
    }

    @Test
    void signedResultIsAuthentic() {
        ResultMessage r = result();

        assertThat(r.isAuthentic()).isTrue();
        assertThat(r.jobId()).isEqualTo("job-1");
        assertThat(r.index()).isEqualTo(3);
        assertThat(r.replicaId()).isEqualTo("replica-3-a");
        assertThat(r.workerKey()).isEqualTo(KEYS.publicKeyHex());
    }

    @Test
    void outputHashIsSha256OfTheCanonicalOutput() throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest("{\"count\":25}".getBytes(StandardCharsets.UTF_8));

        assertThat(result().outputHash()).isEqualTo(HexFormat.of().formatHex(digest));
    }

    @Test
    void signedErrorWithoutOutputIsAuthentic() {
        ResultMessage r = ResultMessage.signed(TASK, "worker-1", KEYS, null, "out of memory", 5);

        assertThat(r.outputHash()).isNull();
        assertThat(r.isAuthentic()).isTrue();
    }

    @Test
    void changedOutputWithoutItsHashIsNotAuthentic() {
        ResultMessage r = result();

        assertThat(copy(r, Map.of("count", 26), r.outputHash(), r.workerId(), r.cpuMillis())
                        .isAuthentic())
                .isFalse();
    }

    @Test
    void changedOutputWithARecomputedHashIsNotAuthentic() {
        ResultMessage r = result();
        ResultMessage other = ResultMessage.signed(TASK, "worker-1", KEYS, Map.of("count", 26), null, 120);

        assertThat(copy(r, other.output(), other.outputHash(), r.workerId(), r.cpuMillis())
                        .isAuthentic())
                .isFalse();
    }

    @Test
    void changedWorkerIdIsNotAuthentic() {
        ResultMessage r = result();

        assertThat(copy(r, r.output(), r.outputHash(), "worker-2", r.cpuMillis())
                        .isAuthentic())
                .isFalse();
    }

    @Test
    void changedCpuMillisIsNotAuthentic() {
        ResultMessage r = result();

        assertThat(copy(r, r.output(), r.outputHash(), r.workerId(), r.cpuMillis() + 1)
                        .isAuthentic())
                .isFalse();
    }

    @Test
    void droppedOutputIsNotAuthentic() {
        ResultMessage r = result();

        assertThat(copy(r, null, r.outputHash(), r.workerId(), r.cpuMillis()).isAuthentic())
                .isFalse();
    }

    @Test
    void missingOrForeignSignatureIsNotAuthentic() {
        ResultMessage r = result();
        ResultMessage forged = ResultMessage.signed(TASK, "worker-1", Ed25519.generate(), OUTPUT, null, 120);

        assertThat(r.withSignature(null).isAuthentic()).isFalse();
        assertThat(r.withSignature(forged.signature()).isAuthentic()).isFalse();
        assertThat(r.withSignature("00").isAuthentic()).isFalse();
    }

    @Test
    void resultClaimingAnotherWorkersKeyIsNotAuthentic() {
        ResultMessage r = result();

        ResultMessage claimed = new ResultMessage(
                r.jobId(),
                r.index(),
                r.replicaId(),
                r.workerId(),
                Ed25519.generate().publicKeyHex(),
                r.output(),
                r.outputHash(),
                r.error(),
                r.cpuMillis(),
                r.signature());

        assertThat(claimed.isAuthentic()).isFalse();
    }

    @Test
    void resultMovedToAnotherReplicaIsNotAuthentic() {
        ResultMessage r = result();

        ResultMessage moved = new ResultMessage(
                r.jobId(),
                r.index() + 1,
                "replica-4-a",
                r.workerId(),
                r.workerKey(),
                r.output(),
                r.outputHash(),
                r.error(),
                r.cpuMillis(),
                r.signature());

        assertThat(moved.isAuthentic()).isFalse();
    }
}
