package dev.dcp.scheduler.verify.vote;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PaidWorkTest {

    @Test
    void anAgreedWorkWithinTheBoundIsPaidAsAgreed() {
        assertThat(PaidWork.of(1_000L, 2_000L)).isEqualTo(1_000);
        assertThat(PaidWork.of(2_000L, 2_000L)).isEqualTo(2_000);
    }

    @Test
    void anAgreedWorkAboveTheBoundIsPaidTheBound() {
        // a lone answer claiming a hundred times its subtask's cost
        assertThat(PaidWork.of(200_000L, 2_000L)).isEqualTo(2_000);
    }

    @Test
    void anAnswerWithoutWorkIsPaidNothing() {
        assertThat(PaidWork.of(null, 2_000L)).isZero();
        assertThat(PaidWork.of(-1L, 2_000L)).isZero();
    }

    @Test
    void aSubtaskFromBeforeMeteringHasNoBoundAndIsPaidTheAgreedWork() {
        assertThat(PaidWork.of(1_234L, null)).isEqualTo(1_234);
    }
}
