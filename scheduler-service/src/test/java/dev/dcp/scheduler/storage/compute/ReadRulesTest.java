package dev.dcp.scheduler.storage.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dcp.scheduler.job.WorkStore;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReadRulesTest {

    private static final String CID = "bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku";
    private static final Map<String, Object> RANGE = Map.of("object", CID, "from", 0L, "to", 4_194_304L);

    private static WorkStore.ReplicaRow replica(Instant answeredAt) {
        return new WorkStore.ReplicaRow("r1", "job", 0, null, null, null, null, Instant.EPOCH, answeredAt);
    }

    @Test
    void anUnansweredReplicaOfAWordcountOverAnObjectReadsItsSubtasksRange() {
        assertThat(ReadRules.spanOf("r1", replica(null), "wordcount", RANGE))
                .isEqualTo(new ReadRules.Span(CID, 0, 4_194_304));
    }

    @Test
    void noReplicaAnAnsweredOneOrOneOverATextReadsNothingAndOnlyThisWorkerIsRefused() {
        assertRefused(() -> ReadRules.spanOf("r1", null, "wordcount", RANGE), false);
        assertRefused(() -> ReadRules.spanOf("r1", replica(Instant.EPOCH), "wordcount", RANGE), false);
        assertRefused(() -> ReadRules.spanOf("r1", replica(null), "wordcount", Map.of("text", "words")), false);
        assertRefused(() -> ReadRules.spanOf("r1", replica(null), "primes", RANGE), false);
    }

    @Test
    void aRangeBeyondTheStoredObjectIsRefusedToEveryWorker() {
        ReadRules.Span span = new ReadRules.Span(CID, 0, 4_194_304);
        assertThat(ReadRules.within(span, 4_194_304)).isEqualTo(span);
        assertRefused(() -> ReadRules.within(span, 4_194_303), true);
        assertRefused(() -> ReadRules.within(new ReadRules.Span(CID, 5, 5), 10), true);
    }

    @Test
    void aReplicasReadIsGivenToTheFirstWorkerAndToNoOther() {
        ReadRules.givenTo("worker-a", "worker-a", "r1"); // again, as after a bad shard on its own disk
        assertRefused(() -> ReadRules.givenTo("worker-a", "worker-b", "r1"), false);
    }

    private static void assertRefused(Runnable read, boolean everywhere) {
        assertThatThrownBy(read::run)
                .isInstanceOfSatisfying(
                        ReadRules.Refusal.class, e -> assertThat(e.everywhere()).isEqualTo(everywhere));
    }
}
