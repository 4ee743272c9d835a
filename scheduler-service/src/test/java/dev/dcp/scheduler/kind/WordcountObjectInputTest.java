package dev.dcp.scheduler.kind;

import static dev.dcp.scheduler.kind.KindAssertions.SPLITTERS;
import static dev.dcp.scheduler.kind.KindAssertions.fields;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dcp.common.storage.ContentId;
import dev.dcp.scheduler.split.Range;
import dev.dcp.scheduler.split.Splitter;
import dev.dcp.scheduler.split.StaticSplitter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WordcountObjectInputTest {

    private static final int SEGMENT = 4 * 1024 * 1024;
    private static final String CID =
            ContentId.of("a stored text".getBytes(StandardCharsets.UTF_8)).toString();

    private final WordcountJob kind = new WordcountJob();

    private static StoredInput.Lookup storing(long size) {
        return cid -> cid.equals(CID) ? Optional.of(new StoredInput(CID, size, SEGMENT)) : Optional.empty();
    }

    private List<Map<String, Object>> split(long size, Integer parallelism, Splitter splitter) {
        return kind.split(Map.of("object", CID), parallelism, splitter, storing(size));
    }

    @Test
    void anObjectIsCutIntoRangesOfWholeSegmentsThatCoverItInOrder() {
        for (Splitter splitter : SPLITTERS) {
            for (long size : new long[] {1, SEGMENT - 1, SEGMENT, SEGMENT + 1, 100L * SEGMENT + 17, 1L << 30}) {
                for (Integer parallelism : new Integer[] {null, 1, 3, 1000}) {
                    List<Map<String, Object>> parts = split(size, parallelism, splitter);
                    long at = 0;
                    for (Map<String, Object> p : parts) {
                        assertThat(p).containsEntry("object", CID);
                        long from = (Long) p.get("from");
                        long to = (Long) p.get("to");
                        assertThat(from).as("contiguous").isEqualTo(at);
                        assertThat(from % SEGMENT).as("starts on a segment").isZero();
                        assertThat(to == size || to % SEGMENT == 0)
                                .as("ends on a segment or the end")
                                .isTrue();
                        assertThat(to - from)
                                .as("at most %d segments", WordcountJob.MAX_SEGMENTS)
                                .isBetween(1L, (long) WordcountJob.MAX_SEGMENTS * SEGMENT);
                        assertThat(kind.workBound(p)).isEqualTo(to - from);
                        at = to;
                    }
                    assertThat(at).as("covers the object").isEqualTo(size);
                }
            }
        }
    }

    @Test
    void withoutAParallelismAGibibyteGetsSubtasksOfFourSegments() {
        assertThat(split(1L << 30, null, new StaticSplitter())).hasSize(64);
    }

    @Test
    void anEmptyObjectIsOneEmptyRange() {
        assertThat(split(0, null, new StaticSplitter())).containsExactly(Map.of("object", CID, "from", 0L, "to", 0L));
        assertThat(WordcountJob.objectRanges(new StoredInput(CID, 0, SEGMENT), 4, new StaticSplitter()))
                .containsExactly(new Range(0, 0));
    }

    @Test
    void anObjectTheTenantDoesNotHaveIsRefusedNamingTheField() {
        assertThatThrownBy(() -> kind.split(Map.of("object", CID), null, new StaticSplitter(), StoredInput.Lookup.NONE))
                .isInstanceOfSatisfying(
                        InputRefused.class, e -> assertThat(e.field().field()).isEqualTo("input.object"));
    }

    @Test
    void anObjectOverOneGibibyteIsTooLarge() {
        assertThatThrownBy(() -> split((1L << 30) + 1, null, new StaticSplitter()))
                .isInstanceOf(InputTooLarge.class);
    }

    @Test
    void theObjectMustBeACidAndComeWithoutText() {
        assertThat(kind.validate(Map.of("object", CID))).isEmpty();
        assertThat(fields(kind.validate(Map.of("object", "bafkreinotacid")))).containsExactly("input.object");
        assertThat(fields(kind.validate(Map.of("object", 7)))).containsExactly("input.object");
        assertThat(fields(kind.validate(Map.of("object", CID, "text", "both")))).containsExactly("input");
    }
}
