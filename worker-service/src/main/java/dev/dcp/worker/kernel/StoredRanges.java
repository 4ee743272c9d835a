package dev.dcp.worker.kernel;

/**
 * Where a kernel gets a byte range of a tenant's stored object: read for one replica it runs, decrypted on this
 * worker. Plain Java here; the worker's storage feature reads it over the bus.
 */
public interface StoredRanges {

    /** Takes the plaintext {@code bytes[from, to)}: the next piece of the range, in order. */
    @FunctionalInterface
    interface Piece {
        void accept(byte[] bytes, int from, int to);
    }

    /**
     * Hands {@code [from, to)} of object {@code cid} to {@code sink}, in order, in pieces; nothing when the range is
     * empty. With {@code useLocal}, shards this worker holds are read from its disk.
     *
     * @throws Unreadable when the range cannot be read
     * @throws LocalShardUnusable when a shard on this worker's disk is not what was stored: read again without
     *     {@code useLocal}, with the pieces handed so far forgotten
     */
    void read(Kernel.Task task, String cid, long from, long to, boolean useLocal, Piece sink);

    /** A worker that keeps no bus connection for stored data reads nothing. */
    StoredRanges NONE = (task, cid, from, to, useLocal, sink) -> {
        throw new Unreadable("this worker reads no stored objects", false);
    };

    /** The range could not be read; {@code everywhere} when no worker could (the object is gone, or too damaged). */
    final class Unreadable extends RuntimeException {
        private final boolean everywhere;

        public Unreadable(String message, boolean everywhere) {
            super(message);
            this.everywhere = everywhere;
        }

        public boolean everywhere() {
            return everywhere;
        }
    }

    /** A shard on this worker's own disk failed its root or did not decode. */
    final class LocalShardUnusable extends RuntimeException {
        public LocalShardUnusable(String message) {
            super(message);
        }
    }
}
