package dev.dcp.cli.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProgressTest {

    @Test
    void theRateCountsFromTheFirstAcceptanceSeenAndGivesTheTimeLeft() {
        Progress p = Progress.start(0)
                .update("RUNNING", 0, 40, 100)
                .update("RUNNING", 10, 40, 1_000)
                .update("RUNNING", 20, 40, 3_000);
        assertThat(p.rate(3_000)).hasValue(5.0); // 10 more in 2 s
        assertThat(p.eta(3_000)).hasValue(Duration.ofSeconds(4)); // 20 left at 5/s
        assertThat(p.fraction()).isEqualTo(0.5);
    }

    @Test
    void aJobHalfDoneWhenFirstSeenHasNoRateUntilItMovesOn() {
        Progress p = Progress.start(0).update("RUNNING", 30, 40, 500);
        assertThat(p.rate(600)).isEmpty();
        assertThat(p.eta(600)).isEmpty();
        assertThat(p.update("RUNNING", 32, 40, 1_500).rate(1_500)).hasValue(2.0);
    }

    @Test
    void onlyCompletedFailedAndCancelledAreFinal() {
        assertThat(Progress.start(0).update("RUNNING", 1, 2, 1).isFinal()).isFalse();
        assertThat(Progress.start(0).update("COMPLETED", 2, 2, 1).isFinal()).isTrue();
        assertThat(Progress.start(0).update("FAILED", 0, 2, 1).isFinal()).isTrue();
        assertThat(Progress.start(0).update("CANCELLED", 0, 2, 1).isFinal()).isTrue();
    }

    @Test
    void theBarFillsWithTheAcceptedShareAndShowsRateAndEtaWhileRunning() {
        Progress p = Progress.start(0).update("RUNNING", 1, 4, 0).update("RUNNING", 2, 4, 1_000);
        String line = ProgressBar.line(p, 1_000);
        assertThat(line)
                .startsWith("RUNNING   [" + "#".repeat(15) + ".".repeat(15) + "] 2/4 subtasks")
                .contains("1.0/s")
                .contains("ETA 2.0s");
        Progress done = p.update("COMPLETED", 4, 4, 2_000);
        assertThat(ProgressBar.line(done, 2_000))
                .contains("[" + "#".repeat(30) + "]")
                .doesNotContain("ETA");
    }

    @Test
    void plainLinesSayTheStatusAndCounts() {
        assertThat(ProgressBar.plain(Progress.start(0).update("QUEUED", 0, 8, 0), 0))
                .isEqualTo("QUEUED 0/8 subtasks");
    }

    @Test
    void durationsReadAsPeopleSayThem() {
        assertThat(ProgressBar.duration(Duration.ofMillis(2_340))).isEqualTo("2.3s");
        assertThat(ProgressBar.duration(Duration.ofSeconds(42))).isEqualTo("42s");
        assertThat(ProgressBar.duration(Duration.ofSeconds(125))).isEqualTo("2m5s");
        assertThat(ProgressBar.duration(Duration.ofSeconds(7_260))).isEqualTo("2h1m");
    }
}
