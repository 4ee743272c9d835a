package dev.dcp.scheduler.verify.vote;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SpotCheckTest {

    @Test
    void theSameSubtaskIsAlwaysDrawnTheSameWay() {
        for (int i = 0; i < 1_000; i++) {
            String job = "job-" + (i % 37);
            boolean first = SpotCheck.draws(job, i, 0.5);
            for (int again = 0; again < 3; again++) {
                assertThat(SpotCheck.draws(job, i, 0.5)).as("%s/%d", job, i).isEqualTo(first);
            }
        }
    }

    @Test
    void theDrawDependsOnJobAndSubtask() {
        int differentSubtask = 0;
        int differentJob = 0;
        for (int i = 0; i < 1_000; i++) {
            boolean base = SpotCheck.draws("job-a", i, 0.5);
            if (SpotCheck.draws("job-a", i + 1, 0.5) != base) {
                differentSubtask++;
            }
            if (SpotCheck.draws("job-b", i, 0.5) != base) {
                differentJob++;
            }
        }
        // independent fair coins differ about half the time
        assertThat(differentSubtask).isBetween(400, 600);
        assertThat(differentJob).isBetween(400, 600);
    }

    @Test
    void aRateOfZeroNeverSpotChecks() {
        for (int i = 0; i < 20_000; i++) {
            assertThat(SpotCheck.draws("job-" + (i / 100), i, 0.0)).isFalse();
        }
    }

    @Test
    void aRateOfOneAlwaysSpotChecks() {
        for (int i = 0; i < 20_000; i++) {
            assertThat(SpotCheck.draws("job-" + (i / 100), i, 1.0)).isTrue();
        }
    }

    @Test
    void aRateOfOneTenthSpotChecksAboutOneSubtaskInTen() {
        int drawn = 0;
        int total = 0;
        for (int j = 0; j < 200; j++) {
            for (int i = 0; i < 100; i++) {
                total++;
                if (SpotCheck.draws("job-" + j, i, 0.1)) {
                    drawn++;
                }
            }
        }
        assertThat(total).isEqualTo(20_000);
        assertThat(drawn / (double) total).isBetween(0.08, 0.12);
    }

    @Test
    void aHigherRateDrawsEverySubtaskALowerRateDraws() {
        for (int i = 0; i < 5_000; i++) {
            if (SpotCheck.draws("job-x", i, 0.05)) {
                assertThat(SpotCheck.draws("job-x", i, 0.2)).isTrue();
            }
        }
    }
}
