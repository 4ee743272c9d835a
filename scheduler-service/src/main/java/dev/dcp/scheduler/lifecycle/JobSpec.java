package dev.dcp.scheduler.lifecycle;

import java.util.Map;

/**
 * The body of {@code POST /api/v1/jobs}. Range checks live in {@link JobService} so all errors come together.
 * {@code adaptive} lets a subtask go to one trusted worker, spot-checked, instead of {@code redundancy} workers.
 */
public record JobSpec(
        String kind,
        Map<String, Object> input,
        Integer parallelism,
        Integer redundancy,
        String strategy,
        Long maxCredits,
        Boolean adaptive) {}
