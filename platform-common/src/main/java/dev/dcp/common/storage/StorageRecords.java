package dev.dcp.common.storage;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * The storage protocol between the scheduler and workers over {@code dcp.storage.commands} and
 * {@code dcp.storage.replies}: binary records whose value is a shard (or an audit in JSON) and whose headers say what
 * to do with it. A worker signs what it claims ({@link #receipt}): a receipt for a stored shard names the root of the
 * bytes it wrote, so the scheduler knows the worker holds exactly what was sent.
 */
public final class StorageRecords {

    public static final String OP = "dcp-op";
    public static final String REQUEST = "dcp-request";
    public static final String SHARD = "dcp-shard";
    public static final String WORKER = "dcp-worker";
    public static final String STATUS = "dcp-status";
    public static final String ROOT = "dcp-root";
    public static final String SIGNATURE = "dcp-signature";

    /** What the scheduler asks of a worker. */
    public enum Op {
        /** Keep the shard in the value; answer STORED with the root of what was written, or REFUSED. */
        STORE,
        /** Send the shard back; answer SHARD with it, or MISSING. */
        FETCH,
        /** Remove the shard; answer DELETED (also when it was not there). */
        DELETE,
        /** Answer the challenge in the value (JSON); answer ANSWERED with the signed answer. */
        AUDIT,
        /**
         * Worker to scheduler, on the replies topic: a signed {@link RangeRead.Request} to read the range of the
         * subtask replica it runs.
         */
        READ,
        /** Scheduler to worker: a part of the answer to a READ ({@link RangeRead.Part}); the worker sends nothing back. */
        RANGE
    }

    public enum Status {
        STORED,
        REFUSED,
        SHARD,
        MISSING,
        DELETED,
        ANSWERED
    }

    private StorageRecords() {}

    /** The bytes a worker signs for a reply: every header that carries a claim. */
    public static byte[] receipt(String request, String shard, String worker, Status status, String rootHex) {
        return String.join("\n", "dcp-storage-receipt-v1", request, shard, worker, status.name(), rootHex)
                .getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The headers of a reply, written by the worker that signs it and read by the scheduler that checks it: the
     * one place both sides of the protocol agree on.
     */
    public record ReplyHeaders(
            String request, String shard, String worker, Status status, String root, String signature) {

        public void writeTo(Headers headers) {
            put(headers, REQUEST, request);
            put(headers, SHARD, shard);
            put(headers, WORKER, worker);
            put(headers, STATUS, status.name());
            put(headers, ROOT, root);
            put(headers, SIGNATURE, signature);
        }

        /** @throws IllegalArgumentException when the status header is missing or not one of {@link Status} */
        public static ReplyHeaders readFrom(Headers headers) {
            String status = get(headers, STATUS);
            if (status == null) {
                throw new IllegalArgumentException("a reply without a status");
            }
            return new ReplyHeaders(
                    get(headers, REQUEST),
                    get(headers, SHARD),
                    get(headers, WORKER),
                    Status.valueOf(status),
                    get(headers, ROOT),
                    get(headers, SIGNATURE));
        }

        /** What the signature covers. */
        public byte[] receipt() {
            return StorageRecords.receipt(request, shard, worker, status, root);
        }
    }

    public static void put(Headers headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    /** A header's value, or "" when it is absent. */
    public static String get(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** Shard ids are ours, but a worker still refuses anything that could leave its shard directory. */
    public static boolean isShardId(String id) {
        if (id == null || id.isEmpty() || id.length() > 80) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.')) {
                return false;
            }
        }
        return !id.startsWith(".");
    }
}
