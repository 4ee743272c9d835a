package dev.dcp.cli.job;

import dev.dcp.cli.Dcp;
import dev.dcp.cli.Session;
import dev.dcp.cli.api.ApiClient;
import dev.dcp.cli.output.Printer;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

/** A job as people read it, and the exit code its status means. */
final class JobReport {

    private JobReport() {}

    static void print(Printer printer, Map<String, Object> job) {
        if (printer.json()) {
            printer.printJson(job);
            return;
        }
        var out = printer.out();
        Map<?, ?> progress = job.get("progress") instanceof Map<?, ?> m ? m : Map.of();
        out.println("job " + job.get("id") + "  " + job.get("kind") + "  " + job.get("status")
                + took(job).map(d -> " in " + ProgressBar.duration(d)).orElse(""));
        out.println("  subtasks: " + progress.get("accepted") + "/" + progress.get("subtasks") + " accepted");
        if (job.get("result") != null) {
            out.println("  result:   " + Printer.text(job.get("result")));
            out.println("  hash:     " + job.get("resultHash"));
        }
        if (job.get("error") != null) {
            out.println("  error:    " + job.get("error"));
        }
        out.println("  cost:     " + Printer.credits(job.get("cost")) + " credits (work "
                + Printer.text(job.get("work")) + ", cpu " + Printer.text(job.get("cpuMillis")) + " ms)");
        out.println("  submitted " + Printer.text(job.get("submittedAt"))
                + (job.get("completedAt") == null ? "" : ", ended " + job.get("completedAt")));
        out.flush();
    }

    /** 0 for a completed job, 1 for one that failed or was cancelled (and for one still running). */
    static int exitCode(Map<String, Object> job) {
        return "COMPLETED".equals(job.get("status")) ? Dcp.DONE : Dcp.FAILED;
    }

    /** Follows the job to its end, then prints it; answers its exit code. */
    static int watch(ApiClient api, Printer printer, Session session, String jobId) {
        Map<String, Object> job = new JobWatch(api, session).follow(jobId);
        print(printer, job);
        return exitCode(job);
    }

    private static java.util.Optional<Duration> took(Map<String, Object> job) {
        try {
            if (job.get("submittedAt") instanceof String from && job.get("completedAt") instanceof String to) {
                return java.util.Optional.of(Duration.between(Instant.parse(from), Instant.parse(to)));
            }
        } catch (DateTimeParseException e) {
            // shown as the API wrote them below
        }
        return java.util.Optional.empty();
    }
}
