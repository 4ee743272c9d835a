package dev.dcp.worker.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dcp.common.crypto.Ed25519;
import dev.dcp.common.crypto.Hashes;
import dev.dcp.common.json.Json;
import dev.dcp.common.storage.ShardAudit;
import dev.dcp.common.storage.ShardTree;
import dev.dcp.common.storage.StorageRecords;
import dev.dcp.common.storage.StorageRecords.Op;
import dev.dcp.common.storage.StorageRecords.Status;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShardKeeperTest {

    @TempDir
    Path dir;

    private final Ed25519.KeyPair keys = Ed25519.generate();

    @Test
    void aStoredShardIsReceiptedWithTheRootOfWhatWasWrittenSignedByTheWorker() {
        ShardKeeper keeper = new ShardKeeper(new ShardStore(dir, 1 << 20), "w1", keys);
        byte[] shard = randomBytes(10_000);

        ShardKeeper.Reply reply = keeper.handle(Op.STORE, "r1", "s-1", shard);

        assertThat(reply.status()).isEqualTo(Status.STORED);
        assertThat(reply.root()).isEqualTo(Hashes.hex(ShardTree.root(shard)));
        assertThat(Ed25519.verifyHex(
                        keys.publicKeyHex(),
                        StorageRecords.receipt("r1", "s-1", "w1", Status.STORED, reply.root()),
                        reply.signature()))
                .isTrue();
    }

    @Test
    void aFetchSendsTheShardBackOrSaysItIsMissing() {
        ShardKeeper keeper = new ShardKeeper(new ShardStore(dir, 1 << 20), "w1", keys);
        byte[] shard = randomBytes(300);
        keeper.handle(Op.STORE, "r1", "s-1", shard);

        assertThat(keeper.handle(Op.FETCH, "r2", "s-1", new byte[0]).value()).isEqualTo(shard);
        assertThat(keeper.handle(Op.FETCH, "r3", "s-9", new byte[0]).status()).isEqualTo(Status.MISSING);
        assertThat(keeper.handle(Op.DELETE, "r4", "s-1", new byte[0]).status()).isEqualTo(Status.DELETED);
        assertThat(keeper.handle(Op.FETCH, "r5", "s-1", new byte[0]).status()).isEqualTo(Status.MISSING);
    }

    @Test
    void aShardOverTheOfferedCapacityIsRefused() {
        ShardKeeper keeper = new ShardKeeper(new ShardStore(dir, 100), "w1", keys);
        assertThat(keeper.handle(Op.STORE, "r1", "s-1", new byte[101]).status()).isEqualTo(Status.REFUSED);
    }

    @Test
    void anAuditIsAnsweredFromTheShardOnDiskSoAnAlteredFileFailsIt() throws Exception {
        ShardStore store = new ShardStore(dir, 1 << 20);
        ShardKeeper keeper = new ShardKeeper(store, "w1", keys);
        byte[] shard = randomBytes(50_000);
        byte[] root = ShardTree.root(shard);
        keeper.handle(Op.STORE, "r1", "s-1", shard);
        ShardAudit.Challenge challenge = ShardAudit.challenge("c1", "s-1", shard.length, 4, new SplittableRandom(1));

        assertThat(judge(keeper.handle(Op.AUDIT, "r2", "s-1", json(challenge)), challenge, root, shard.length))
                .isTrue();

        byte[] onDisk = java.nio.file.Files.readAllBytes(dir.resolve("s-1"));
        onDisk[123] ^= 1;
        java.nio.file.Files.write(dir.resolve("s-1"), onDisk);
        assertThat(judge(keeper.handle(Op.AUDIT, "r3", "s-1", json(challenge)), challenge, root, shard.length))
                .isFalse();
    }

    private boolean judge(ShardKeeper.Reply reply, ShardAudit.Challenge challenge, byte[] root, int length) {
        assertThat(reply.status()).isEqualTo(Status.ANSWERED);
        ShardAudit.Answer answer =
                Json.read(new String(reply.value(), StandardCharsets.UTF_8), ShardAudit.Answer.class);
        return ShardAudit.judge(challenge, answer, "w1", keys.publicKeyHex(), root, length)
                .passed();
    }

    private static byte[] json(ShardAudit.Challenge challenge) {
        return Json.write(challenge).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }
}
