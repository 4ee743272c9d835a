package dev.dcp.worker.kernel.wordcount;

import dev.dcp.common.event.Kind;
import dev.dcp.common.metering.WorkCount;
import dev.dcp.common.words.ByteRangeTally;
import dev.dcp.common.words.Words;
import dev.dcp.worker.kernel.Answer;
import dev.dcp.worker.kernel.Kernel;
import dev.dcp.worker.kernel.StoredRanges;
import dev.dcp.worker.kernel.SubtaskInput;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts words in one chunk of a job's text, with the rule of {@link Words}. Two inputs:
 *
 * <ul>
 *   <li>{@code {text}}: a chunk the scheduler cut between words, so chunk counts add up to the job's. Output
 *       {@code {total, counts}}.
 *   <li>{@code {object, from, to}}: bytes {@code [from, to)} of a stored object, read for this replica and decrypted
 *       here ({@link StoredRanges}). The cuts fall anywhere, so only words between two separators of the range are
 *       counted, and the bytes before the first and after the last are handed on for the scheduler to join with the
 *       neighbours': output {@code {total, counts, head, tail}}, head and tail in base64, no tail when the range has
 *       no separator. Work is the range's bytes.
 * </ul>
 */
public final class WordcountKernel implements Kernel {

    private final StoredRanges storedRanges;

    public WordcountKernel() {
        this(StoredRanges.NONE);
    }

    public WordcountKernel(StoredRanges storedRanges) {
        this.storedRanges = storedRanges;
    }

    @Override
    public Kind kind() {
        return Kind.WORDCOUNT;
    }

    @Override
    public Answer run(Map<String, Object> input) {
        return run(input, null);
    }

    @Override
    public Answer run(Map<String, Object> input, Task task) {
        if (input.containsKey("object")) {
            return countRange(input, task);
        }
        String text = SubtaskInput.text(input, "text");
        // a mutable cell per word, so repeated words do not box a fresh Long each time
        Map<String, long[]> tally = new HashMap<>();
        long total = Words.tally(text, tally);
        return new Answer(Map.of("total", total, "counts", sorted(tally)), WorkCount.wordcount(text));
    }

    private Answer countRange(Map<String, Object> input, Task task) {
        String cid = SubtaskInput.text(input, "object");
        long from = SubtaskInput.integer(input, "from");
        long to = SubtaskInput.integer(input, "to");
        if (from < 0 || to < from) {
            throw new IllegalArgumentException("need 0 <= from <= to, got [" + from + ", " + to + ")");
        }
        if (task == null) {
            throw new IllegalArgumentException("a range of a stored object is read for a replica, and none is named");
        }
        ByteRangeTally tally;
        try {
            tally = read(task, cid, from, to, true);
        } catch (StoredRanges.LocalShardUnusable e) {
            tally = read(task, cid, from, to, false); // this disk let us down: from the others only
        } catch (StoredRanges.Unreadable e) {
            if (e.everywhere()) {
                return Answer.fault(e.getMessage(), 0);
            }
            throw e;
        }
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("total", tally.total());
        output.put("counts", sorted(tally.counts()));
        Base64.Encoder base64 = Base64.getEncoder();
        output.put("head", base64.encodeToString(tally.head()));
        byte[] tail = tally.tail();
        if (tail != null) {
            output.put("tail", base64.encodeToString(tail));
        }
        return new Answer(output, to - from);
    }

    private ByteRangeTally read(Task task, String cid, long from, long to, boolean useLocal) {
        ByteRangeTally tally = new ByteRangeTally();
        storedRanges.read(task, cid, from, to, useLocal, tally::feed);
        return tally;
    }

    private static Map<String, Object> sorted(Map<String, long[]> tally) {
        Map<String, Object> counts = new TreeMap<>();
        tally.forEach((word, count) -> counts.put(word, count[0]));
        return counts;
    }
}
