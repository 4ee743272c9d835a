package dev.dcp.scheduler.verify;

import dev.dcp.common.crypto.Hashes;
import dev.dcp.scheduler.SchedulerProperties;
import dev.dcp.scheduler.worker.Enrolments;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.springframework.stereotype.Component;

/**
 * BOINC's adaptive replication for jobs that allow it: a subtask first goes to one worker, and its answer alone
 * is accepted when that worker is trusted (a long run of accepted answers, see contract-service's reputation)
 * and the subtask is not drawn for a spot check. Otherwise the vote asks for the usual {@code redundancy}
 * agreeing answers. The draw is a hash of job and subtask, so deciding the same answer again decides the same.
 */
@Component
public class AdaptiveReplication {

    private final Enrolments enrolments;
    private final double spotCheckRate;
    private final MeterRegistry meters;

    AdaptiveReplication(Enrolments enrolments, SchedulerProperties properties, MeterRegistry meters) {
        this.enrolments = enrolments;
        this.spotCheckRate = properties.spotCheckRate();
        this.meters = meters;
    }

    /** Whether the single answer of {@code workerKey} to this subtask may stand alone. */
    boolean acceptsAlone(String jobId, int index, String workerKey) {
        String decision;
        boolean alone = false;
        if (workerKey == null || !enrolments.trusted(workerKey)) {
            decision = "untrusted";
        } else if (drawsSpotCheck(jobId, index, spotCheckRate)) {
            decision = "spot-check";
        } else {
            decision = "trusted";
            alone = true;
        }
        meters.counter("dcp.scheduler.adaptive", "decision", decision).increment();
        return alone;
    }

    /** A uniform draw in [0, 1) from SHA-256 of job and index, below {@code rate} one time in 1/rate. */
    public static boolean drawsSpotCheck(String jobId, int index, double rate) {
        byte[] h = Hashes.sha256((jobId + ":" + index).getBytes(StandardCharsets.UTF_8));
        double u = (ByteBuffer.wrap(h).getLong() >>> 11) / (double) (1L << 53);
        return u < rate;
    }
}
