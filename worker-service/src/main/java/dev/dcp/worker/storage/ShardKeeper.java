package dev.dcp.worker.storage;

import dev.dcp.common.crypto.Ed25519;
import dev.dcp.common.crypto.Hashes;
import dev.dcp.common.json.Json;
import dev.dcp.common.storage.ShardAudit;
import dev.dcp.common.storage.ShardTree;
import dev.dcp.common.storage.StorageRecords;
import dev.dcp.common.storage.StorageRecords.Op;
import dev.dcp.common.storage.StorageRecords.Status;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a worker does with a storage command: keep, send back, remove or prove a shard, and sign what it claims. The
 * Kafka loop around it only moves records.
 */
public final class ShardKeeper {

    private static final Logger log = LoggerFactory.getLogger(ShardKeeper.class);
    private static final byte[] NOTHING = new byte[0];

    /** A reply: its status, the root it claims (hex, "" when it claims none), its value, and the signature. */
    public record Reply(
            String request, String shard, String worker, Status status, String root, byte[] value, String signature) {}

    private final ShardStore store;
    private final String workerId;
    private final Ed25519.KeyPair keys;

    public ShardKeeper(ShardStore store, String workerId, Ed25519.KeyPair keys) {
        this.store = store;
        this.workerId = workerId;
        this.keys = keys;
    }

    public Reply handle(Op op, String request, String shard, byte[] value) {
        if (!StorageRecords.isShardId(shard)) {
            return reply(request, shard, Status.REFUSED, "", NOTHING);
        }
        try {
            return switch (op) {
                case STORE -> store(request, shard, value);
                case FETCH -> fetch(request, shard);
                case DELETE -> {
                    store.delete(shard);
                    yield reply(request, shard, Status.DELETED, "", NOTHING);
                }
                case AUDIT -> audit(request, shard, value);
                case READ, RANGE -> reply(request, shard, Status.REFUSED, "", NOTHING); // not a shard command
            };
        } catch (IOException | RuntimeException e) {
            log.warn("storage {} of shard {} failed: {}", op, shard, e.toString());
            return reply(request, shard, op == Op.FETCH ? Status.MISSING : Status.REFUSED, "", NOTHING);
        }
    }

    private Reply store(String request, String shard, byte[] value) throws IOException {
        if (value.length == 0 || !store.put(shard, value)) {
            return reply(request, shard, Status.REFUSED, "", NOTHING);
        }
        return reply(request, shard, Status.STORED, Hashes.hex(ShardTree.root(value)), NOTHING);
    }

    private Reply fetch(String request, String shard) throws IOException {
        Optional<byte[]> bytes = store.get(shard);
        return bytes.map(b -> reply(request, shard, Status.SHARD, "", b))
                .orElseGet(() -> reply(request, shard, Status.MISSING, "", NOTHING));
    }

    private Reply audit(String request, String shard, byte[] value) throws IOException {
        ShardAudit.Challenge challenge =
                Json.read(new String(value, StandardCharsets.UTF_8), ShardAudit.Challenge.class);
        if (!challenge.shardId().equals(shard)) {
            return reply(request, shard, Status.REFUSED, "", NOTHING);
        }
        ShardAudit.Answer answer =
                ShardAudit.answer(challenge, workerId, store.get(shard).orElse(null), keys);
        return reply(request, shard, Status.ANSWERED, "", Json.write(answer).getBytes(StandardCharsets.UTF_8));
    }

    private Reply reply(String request, String shard, Status status, String root, byte[] value) {
        String signature = keys.signHex(StorageRecords.receipt(request, shard, workerId, status, root));
        return new Reply(request, shard, workerId, status, root, value, signature);
    }
}
