package dev.dcp.scheduler.kind;

import java.util.Optional;

/** A stored object a job reads, as far as splitting needs it: its CID, its size and its segments' size. */
public record StoredInput(String cid, long size, int segmentSize) {

    /** The submitting tenant's stored objects, by CID: what a kind may read. */
    @FunctionalInterface
    public interface Lookup {
        Optional<StoredInput> find(String cid);

        /** For callers with no store of objects: every CID is unknown. */
        Lookup NONE = cid -> Optional.empty();
    }
}
