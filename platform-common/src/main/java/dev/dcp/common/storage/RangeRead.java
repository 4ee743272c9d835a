package dev.dcp.common.storage;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * How a worker reads the stored object of a subtask it runs, over the bus it already connects out to. The worker
 * sends a signed {@link Request} naming the replica and a fresh X25519 key ({@link ObjectKeySeal}) as an
 * {@link StorageRecords.Op#READ} record on the replies topic. The scheduler checks that the replica is one of a job
 * over that object, gives it to this one worker only, and answers on the worker's partition of the commands topic
 * with {@link StorageRecords.Op#RANGE} records: first a {@link Grant} (the object key sealed to the request's key,
 * the layout, and which of the range's shards the worker may take from its own disk), then per segment of the range
 * the other shards it needs, or a refusal. The worker checks each shard against its root and decodes and decrypts
 * the segments itself; nobody else on the way can.
 */
public final class RangeRead {

    /** The header naming what a RANGE record is: a {@link Part}. */
    public static final String PART = "dcp-part";
    /** On a SEGMENT record: the segment, and the indices of the shards in its value, in order, comma-separated. */
    public static final String SEGMENT = "dcp-segment";

    public static final String SHARDS = "dcp-shards";

    private RangeRead() {}

    public enum Part {
        GRANT,
        SEGMENT,
        /** The read is refused or failed; the value is a {@link Refusal}. */
        REFUSED
    }

    /**
     * A worker's request to read its replica's range; {@code publicKey} is the X25519 key (base64) the object key is
     * sealed to, {@code useLocal} whether it takes the shards it holds from its own disk.
     */
    public record Request(String request, String worker, String replica, String publicKey, boolean useLocal) {

        /** The bytes the worker signs: every field, so that no one can ask in its name or swap the key. */
        public byte[] signed() {
            return String.join(
                            "\n", "dcp-range-read-v1", request, worker, replica, publicKey, Boolean.toString(useLocal))
                    .getBytes(StandardCharsets.UTF_8);
        }
    }

    /** A shard of the range that the worker holds: it reads it from its disk and checks it against {@code root}. */
    public record Local(int segment, int shard, String shardId, String root) {}

    /** What the worker needs to decode the range: the sealed key, the layout, and the shards of its own to use. */
    public record Grant(String sealedKey, long size, int segmentSize, int k, int m, List<Local> local) {

        public ObjectLayout layout() {
            return new ObjectLayout(size, segmentSize, k, m);
        }
    }

    /**
     * Why a read ended; {@code everywhere} when any worker would meet the same (the object is gone or a segment has
     * fewer than k good shards), so the answer is a fault rather than this worker's failure.
     */
    public record Refusal(String reason, boolean everywhere) {}
}
