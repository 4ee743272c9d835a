package dev.dcp.scheduler.verify.vote;

import dev.dcp.common.crypto.Hashes;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Which subtasks of an adaptive job are replicated even when a trusted worker answered them. The draw is a hash of
 * job and subtask, so deciding the same answer again decides the same.
 */
public final class SpotCheck {

    private SpotCheck() {}

    /** A uniform draw in [0, 1) from SHA-256 of job and index, below {@code rate} one time in 1/rate. */
    public static boolean draws(String jobId, int index, double rate) {
        byte[] h = Hashes.sha256((jobId + ":" + index).getBytes(StandardCharsets.UTF_8));
        double u = (ByteBuffer.wrap(h).getLong() >>> 11) / (double) (1L << 53);
        return u < rate;
    }
}
