package dev.dcp.scheduler.storage.compute;

import dev.dcp.scheduler.job.WorkStore;
import java.util.Map;

/**
 * Who may read what of a stored object for a job: plain decisions over what the scheduler knows, each returning what
 * the read needs or throwing the {@link Refusal} the worker is told.
 */
final class ReadRules {

    /** A read refused, and whether any worker would meet the same ({@code everywhere}: an answer, a fault). */
    static final class Refusal extends RuntimeException {
        private final boolean everywhere;

        Refusal(String message, boolean everywhere) {
            super(message, null, false, false);
            this.everywhere = everywhere;
        }

        boolean everywhere() {
            return everywhere;
        }
    }

    /** The bytes {@code [from, to)} of the object a replica reads. */
    record Span(String cid, long from, long to) {}

    private ReadRules() {}

    /**
     * The object and range a replica reads: it must exist, be unanswered, and be a subtask of a wordcount over an
     * object.
     */
    static Span spanOf(String replicaId, WorkStore.ReplicaRow replica, String jobKind, Map<String, Object> input) {
        if (replica == null) {
            throw new Refusal("no replica " + replicaId, false);
        }
        if (replica.answered()) {
            throw new Refusal("replica " + replicaId + " is answered", false);
        }
        if (!"wordcount".equals(jobKind)
                || input == null
                || !(input.get("object") instanceof String cid)
                || !(input.get("from") instanceof Number from)
                || !(input.get("to") instanceof Number to)) {
            throw new Refusal("replica " + replicaId + " reads no stored object", false);
        }
        return new Span(cid, from.longValue(), to.longValue());
    }

    /** The span, once the object is known to be stored with {@code size} bytes. */
    static Span within(Span span, long size) {
        if (span.from() < 0 || span.to() <= span.from() || span.to() > size) {
            throw new Refusal(
                    "bytes [" + span.from() + ", " + span.to() + ") are not a range of the object's " + size, true);
        }
        return span;
    }

    /** A replica's read goes to the first worker that asked for it, and only to that one, however often it asks. */
    static void givenTo(String holder, String workerId, String replicaId) {
        if (!workerId.equals(holder)) {
            throw new Refusal("replica " + replicaId + " is read by another worker", false);
        }
    }
}
