package dev.dcp.worker.intake;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AnsweredSubtasksTest {

    @Test
    void aSubtaskIsKnownOnceAnsweredAndOnlyThatSubtask() {
        AnsweredSubtasks answered = new AnsweredSubtasks();
        assertThat(answered.hasAnswered("job-a", 3)).isFalse();
        answered.answered("job-a", 3);
        assertThat(answered.hasAnswered("job-a", 3)).isTrue();
        assertThat(answered.hasAnswered("job-a", 4)).isFalse();
        assertThat(answered.hasAnswered("job-b", 3)).isFalse();
    }

    @Test
    void theOldestAnswersAreForgottenBeyondTheBound() {
        AnsweredSubtasks answered = new AnsweredSubtasks(3);
        for (int i = 0; i < 4; i++) {
            answered.answered("job", i);
        }
        assertThat(answered.hasAnswered("job", 0)).isFalse();
        assertThat(answered.hasAnswered("job", 1)).isTrue();
        assertThat(answered.hasAnswered("job", 3)).isTrue();
    }
}
