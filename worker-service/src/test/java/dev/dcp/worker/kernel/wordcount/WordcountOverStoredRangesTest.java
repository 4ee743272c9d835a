package dev.dcp.worker.kernel.wordcount;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dcp.common.event.Kind;
import dev.dcp.worker.kernel.Answer;
import dev.dcp.worker.kernel.Kernel;
import dev.dcp.worker.kernel.StoredRanges;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WordcountOverStoredRangesTest {

    private static final String CID = "bafkreiexample";
    private static final Kernel.Task TASK = new Kernel.Task("job", 0, "replica-1");
    private static final byte[] TEXT =
            "Zwölf Boxkämpfer jagen Viktor quer über den großen Sylter Deich".getBytes(StandardCharsets.UTF_8);

    /** Serves the text in pieces of three bytes, and records how it was asked. */
    private static final class FromMemory implements StoredRanges {
        final List<String> asked = new ArrayList<>();
        boolean localShardBad;

        @Override
        public void read(Kernel.Task task, String cid, long from, long to, boolean useLocal, Piece sink) {
            asked.add(task.replicaId() + " " + cid + " [" + from + ", " + to + ") local=" + useLocal);
            for (long at = from; at < to; at += 3) {
                sink.accept(TEXT, (int) at, (int) Math.min(to, at + 3));
                if (useLocal && localShardBad) {
                    throw new LocalShardUnusable("a flipped byte on this disk");
                }
            }
        }
    }

    private static Map<String, Object> input(long from, long to) {
        return Map.of("object", CID, "from", from, "to", to);
    }

    private static String decoded(Object base64) {
        return new String(Base64.getDecoder().decode((String) base64), StandardCharsets.UTF_8);
    }

    @Test
    void aRangeCountsTheWordsBetweenItsSeparatorsAndHandsOnItsEdges() {
        FromMemory ranges = new FromMemory();
        // "wölf Boxkämpfer jagen Vik": the range starts inside "Zwölf" and ends inside "Viktor"
        Answer answer = new WordcountKernel(ranges).run(input(1, 28), TASK);

        assertThat(ranges.asked).containsExactly("replica-1 " + CID + " [1, 28) local=true");
        assertThat(answer.output()).containsEntry("total", 2L);
        assertThat(answer.output().get("counts")).isEqualTo(Map.of("boxkämpfer", 1L, "jagen", 1L));
        assertThat(decoded(answer.output().get("head"))).isEqualTo("wölf");
        assertThat(decoded(answer.output().get("tail"))).isEqualTo("Vik");
        assertThat(answer.work()).isEqualTo(27);
    }

    @Test
    void aRangeInsideOneWordIsAllHeadWithNoTail() {
        Answer answer = new WordcountKernel(new FromMemory()).run(input(7, 12), TASK);
        assertThat(answer.output()).doesNotContainKey("tail").containsEntry("total", 0L);
        // "Boxk" and the first byte of "ä": the raw bytes go on, to be joined before they are decoded
        assertThat(Base64.getDecoder().decode((String) answer.output().get("head")))
                .isEqualTo(java.util.Arrays.copyOfRange(TEXT, 7, 12));
    }

    @Test
    void aBadShardOnThisDiskIsReadAgainFromTheOthersWithoutCountingTwice() {
        FromMemory ranges = new FromMemory();
        ranges.localShardBad = true;
        Answer answer = new WordcountKernel(ranges).run(input(0, TEXT.length), TASK);

        assertThat(ranges.asked).hasSize(2).last().asString().endsWith("local=false");
        Answer inline = new WordcountKernel().run(Map.of("text", new String(TEXT, StandardCharsets.UTF_8)));
        // the whole object in one range: its words between separators, plus the first and last, are the text's
        assertThat((Long) answer.output().get("total"))
                .isEqualTo((Long) inline.output().get("total") - 2);
    }

    @Test
    void anObjectNoWorkerCanReadIsAFaultAndOneThisWorkerCannotIsItsFailure() {
        StoredRanges gone = (task, cid, from, to, useLocal, sink) -> {
            throw new StoredRanges.Unreadable("object " + cid + " is no longer stored", true);
        };
        Answer answer = new WordcountKernel(gone).run(input(0, 5), TASK);
        assertThat(answer.isFault()).isTrue();

        StoredRanges late = (task, cid, from, to, useLocal, sink) -> {
            throw new StoredRanges.Unreadable("the scheduler sent no GRANT in 30 s", false);
        };
        assertThatThrownBy(() -> new WordcountKernel(late).run(input(0, 5), TASK))
                .isInstanceOf(StoredRanges.Unreadable.class);
    }

    @Test
    void aWorkerWithoutStoredRangesRefusesAnObjectAndStillCountsTexts() {
        WordcountKernel kernel = new WordcountKernel();
        assertThat(kernel.kind()).isEqualTo(Kind.WORDCOUNT);
        assertThatThrownBy(() -> kernel.run(input(0, 5), TASK)).isInstanceOf(StoredRanges.Unreadable.class);
        assertThat(kernel.run(Map.of("text", "two words")).output()).containsEntry("total", 2L);
    }
}
