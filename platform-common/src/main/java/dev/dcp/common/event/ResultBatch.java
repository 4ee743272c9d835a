package dev.dcp.common.event;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.dcp.common.crypto.Ed25519;
import dev.dcp.common.json.CanonicalJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Several answers of one worker under one signature, workers to scheduler on {@link Topics#RESULTS}. Signing
 * (and verifying) each answer of thousands of tiny subtasks would cost more than computing them; one Ed25519
 * signature covers the digests of all of them, so each answer stays attributable: it is bound to the batch by
 * the SHA-256 of its signed fields ({@link ResultMessage#digest()}), the batch to the worker by its signature.
 * The answers inside carry no signature of their own.
 */
public record ResultBatch(String workerId, String workerKey, List<ResultMessage> results, String signature) {

    public static ResultBatch signed(String workerId, Ed25519.KeyPair keys, List<ResultMessage> unsigned) {
        ResultBatch batch = new ResultBatch(workerId, keys.publicKeyHex(), List.copyOf(unsigned), null);
        return new ResultBatch(workerId, batch.workerKey, batch.results, keys.signHex(batch.signedBytes()));
    }

    byte[] signedBytes() {
        List<String> digests = new ArrayList<>(results.size());
        for (ResultMessage r : results) {
            digests.add(r.digest());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("workerId", workerId);
        body.put("workerKey", workerKey);
        body.put("results", digests);
        return CanonicalJson.bytes(body);
    }

    /**
     * The answers this batch proves: all of them if the signature is the worker's and every answer is the
     * worker's and matches its output hash, none otherwise.
     */
    @JsonIgnore
    public List<ResultMessage> authenticResults() {
        if (results == null || results.isEmpty() || workerId == null || workerKey == null) {
            return List.of();
        }
        for (ResultMessage r : results) {
            if (r == null || !workerId.equals(r.workerId()) || !workerKey.equals(r.workerKey()) || !r.outputMatches()) {
                return List.of();
            }
        }
        return signature != null && Ed25519.verifyHex(workerKey, signedBytes(), signature) ? results : List.of();
    }
}
