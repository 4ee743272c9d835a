package dev.dcp.cli.object;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TransferBarTest {

    @Test
    void halfwayIsHalfABarWithTheMebibytesAndTheRate() {
        assertThat(TransferBar.line(512L << 20, 1024L << 20, 10_000))
                .isEqualTo("[###############...............]  512.0/1024.0 MiB  54 MB/s");
    }

    @Test
    void anEmptyFileIsDoneAtOnceAndNoTimeMeansNoRate() {
        assertThat(TransferBar.line(0, 0, 0)).isEqualTo("[##############################]  0.0/0.0 MiB");
    }
}
