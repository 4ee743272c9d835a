package dev.dcp.common.event;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.dcp.common.crypto.Ed25519;
import dev.dcp.common.crypto.Hashes;
import dev.dcp.common.json.CanonicalJson;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A worker's signed answer to one replica, workers to scheduler on {@link Topics#RESULTS}.
 * {@code outputHash} is the SHA-256 of the canonical JSON of {@code output}; the signature covers the
 * canonical JSON of every other field, so neither the output nor the claim of who computed it can be altered.
 */
public record ResultMessage(
        String jobId,
        int index,
        String replicaId,
        String workerId,
        String workerKey,
        Map<String, Object> output,
        String outputHash,
        String error,
        long cpuMillis,
        String signature) {

    public static ResultMessage signed(
            SubtaskMessage task,
            String workerId,
            Ed25519.KeyPair keys,
            Map<String, Object> output,
            String error,
            long cpuMillis) {
        String outputHash = output == null ? null : Hashes.sha256Hex(CanonicalJson.bytes(output));
        ResultMessage unsigned = new ResultMessage(
                task.jobId(),
                task.index(),
                task.replicaId(),
                workerId,
                keys.publicKeyHex(),
                output,
                outputHash,
                error,
                cpuMillis,
                null);
        return unsigned.withSignature(keys.signHex(unsigned.signedBytes()));
    }

    public ResultMessage withSignature(String sig) {
        return new ResultMessage(
                jobId, index, replicaId, workerId, workerKey, output, outputHash, error, cpuMillis, sig);
    }

    byte[] signedBytes() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("jobId", jobId);
        body.put("index", index);
        body.put("replicaId", replicaId);
        body.put("workerId", workerId);
        body.put("workerKey", workerKey);
        body.put("outputHash", outputHash);
        body.put("error", error);
        body.put("cpuMillis", cpuMillis);
        return CanonicalJson.bytes(body);
    }

    /** An unsigned answer, to be signed with others in a {@link ResultBatch}. */
    public static ResultMessage unsigned(
            SubtaskMessage task,
            String workerId,
            Ed25519.KeyPair keys,
            Map<String, Object> output,
            String error,
            long cpuMillis) {
        String outputHash = output == null ? null : Hashes.sha256Hex(CanonicalJson.bytes(output));
        return new ResultMessage(
                task.jobId(),
                task.index(),
                task.replicaId(),
                workerId,
                keys.publicKeyHex(),
                output,
                outputHash,
                error,
                cpuMillis,
                null);
    }

    /** What a batch signature covers of this answer: the SHA-256 of its signed fields. */
    @JsonIgnore
    public String digest() {
        return Hashes.sha256Hex(signedBytes());
    }

    /** The signature is the worker's, and the output is the one the hash names. */
    @JsonIgnore
    public boolean isAuthentic() {
        if (signature == null || !Ed25519.verifyHex(workerKey, signedBytes(), signature)) {
            return false;
        }
        return outputMatches();
    }

    /** The output is the one the hash names (or there is none, and an error instead). */
    @JsonIgnore
    public boolean outputMatches() {
        if (output == null) {
            return outputHash == null && error != null;
        }
        return Hashes.sha256Hex(CanonicalJson.bytes(output)).equals(outputHash);
    }
}
