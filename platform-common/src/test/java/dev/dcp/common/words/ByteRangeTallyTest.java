package dev.dcp.common.words;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class ByteRangeTallyTest {

    /** Letters and separators of one to four bytes, so that cuts fall inside characters too. */
    private static final String[] PIECES = {
        "a", "B", "z", " ", "\n", ",", "7", "_", "é", "É", "—", "ß", "Σ", "ς", "日", "本", "𝐀", "😀", "'", "-", "İ"
    };

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.of(PIECES).list().ofMaxSize(200).map(l -> String.join("", l));
    }

    @Property(tries = 500)
    void rangesCutAnywhereAndJoinedCountAsTheWholeText(@ForAll("texts") String text, @ForAll long seed) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        Random random = new Random(seed);
        assertThat(countInRanges(bytes, random)).isEqualTo(countWhole(text));
    }

    @Test
    void aWordCutInsideAMultiByteLetterCountsOnce() {
        byte[] bytes = "café au lait".getBytes(StandardCharsets.UTF_8);
        // the cut falls between the two bytes of é
        Map<String, Long> counts = countCut(bytes, 4);
        assertThat(counts).containsExactlyInAnyOrderEntriesOf(Map.of("café", 1L, "au", 1L, "lait", 1L));
    }

    @Test
    void aSeparatorCutInsideItsBytesStillSeparates() {
        byte[] bytes = "foo—bar".getBytes(StandardCharsets.UTF_8); // the em dash has three bytes
        for (int cut = 1; cut < bytes.length; cut++) {
            assertThat(countCut(bytes, cut)).as("cut at %d", cut).isEqualTo(Map.of("foo", 1L, "bar", 1L));
        }
    }

    @Test
    void aRangeWithoutSeparatorIsAllHeadAndHasNoTail() {
        ByteRangeTally tally = new ByteRangeTally();
        tally.feed("wordwithoutend".getBytes(StandardCharsets.UTF_8));
        assertThat(tally.tail()).isNull();
        assertThat(new String(tally.head(), StandardCharsets.UTF_8)).isEqualTo("wordwithoutend");
        assertThat(tally.total()).isZero();
    }

    @Test
    void onlyWordsBetweenTwoSeparatorsAreCountedInTheRange() {
        ByteRangeTally tally = new ByteRangeTally();
        tally.feed("lo world wide we".getBytes(StandardCharsets.UTF_8));
        assertThat(new String(tally.head(), StandardCharsets.UTF_8)).isEqualTo("lo");
        assertThat(new String(tally.tail(), StandardCharsets.UTF_8)).isEqualTo("we");
        assertThat(tally.total()).isEqualTo(2);
        assertThat(tally.counts()).containsOnlyKeys("world", "wide");
    }

    @Test
    void malformedBytesAreSeparatorsAndNeverStopTheCount() {
        byte[] bytes = {'a', (byte) 0xFF, 'b', (byte) 0x80, (byte) 0x80, 'c', (byte) 0xE2, 'd', ' '};
        ByteRangeTally tally = new ByteRangeTally();
        tally.feed(bytes);
        RangeJoin join = new RangeJoin();
        join.add(tally.head(), tally.tail());
        join.finish();
        assertThat(tally.total() + join.total()).isEqualTo(4);
    }

    private static Map<String, Long> countCut(byte[] bytes, int cut) {
        List<ByteRangeTally> ranges = List.of(new ByteRangeTally(), new ByteRangeTally());
        ranges.get(0).feed(bytes, 0, cut);
        ranges.get(1).feed(bytes, cut, bytes.length);
        return joined(ranges);
    }

    private static Map<String, Long> countInRanges(byte[] bytes, Random random) {
        List<ByteRangeTally> ranges = new ArrayList<>();
        int at = 0;
        do {
            int end = Math.min(bytes.length, at + random.nextInt(12));
            ByteRangeTally range = new ByteRangeTally();
            // each range in pieces of random sizes, as segments arrive
            int piece = at;
            while (piece < end) {
                int next = Math.min(end, piece + 1 + random.nextInt(5));
                range.feed(bytes, piece, next);
                piece = next;
            }
            ranges.add(range);
            at = end;
        } while (at < bytes.length);
        return joined(ranges);
    }

    private static Map<String, Long> joined(List<ByteRangeTally> ranges) {
        Map<String, Long> counts = new TreeMap<>();
        RangeJoin join = new RangeJoin();
        long total = 0;
        for (ByteRangeTally r : ranges) {
            r.counts().forEach((w, n) -> counts.merge(w, n[0], Long::sum));
            total += r.total();
            join.add(r.head(), r.tail());
        }
        join.finish();
        join.counts().forEach((w, n) -> counts.merge(w, n[0], Long::sum));
        total += join.total();
        assertThat(total)
                .isEqualTo(counts.values().stream().mapToLong(Long::longValue).sum());
        return counts;
    }

    private static Map<String, Long> countWhole(String text) {
        Map<String, long[]> tally = new HashMap<>();
        Words.tally(text, tally);
        Map<String, Long> counts = new TreeMap<>();
        tally.forEach((w, n) -> counts.put(w, n[0]));
        return counts;
    }
}
