package dev.dcp.worker.kernel.wordcount;

import dev.dcp.common.event.Kind;
import dev.dcp.common.metering.WorkCount;
import dev.dcp.worker.kernel.Answer;
import dev.dcp.worker.kernel.Kernel;
import dev.dcp.worker.kernel.SubtaskInput;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts words in one chunk of a job's text. Input {@code {text}}; output {@code {total, counts}}, the number of
 * words and a map from word to occurrences.
 *
 * <p>A word is a maximal run of code points for which {@link Character#isLetter(int)} holds (so digits, underscores,
 * apostrophes, hyphens and combining marks all separate words), lower-cased as a whole with
 * {@code toLowerCase(Locale.ROOT)}. Lower-casing the whole word rather than each letter matters: a final capital
 * sigma becomes the final form, and a dotted capital I becomes two code points. The scheduler cuts chunks only
 * between words, so chunk counts add up to the job's.
 */
public final class WordcountKernel implements Kernel {

    @Override
    public Kind kind() {
        return Kind.WORDCOUNT;
    }

    @Override
    public Answer run(Map<String, Object> input) {
        String text = SubtaskInput.text(input, "text");
        // a mutable cell per word, so repeated words do not box a fresh Long each time
        Map<String, long[]> tally = new HashMap<>();
        long total = 0;
        int length = text.length();
        int i = 0;
        while (i < length) {
            int codePoint = text.codePointAt(i);
            if (!Character.isLetter(codePoint)) {
                i += Character.charCount(codePoint);
                continue;
            }
            int start = i;
            do {
                i += Character.charCount(codePoint);
            } while (i < length && Character.isLetter(codePoint = text.codePointAt(i)));
            String word = text.substring(start, i).toLowerCase(Locale.ROOT);
            tally.computeIfAbsent(word, w -> new long[1])[0]++;
            total++;
        }
        Map<String, Object> counts = new TreeMap<>();
        tally.forEach((word, count) -> counts.put(word, count[0]));
        return new Answer(Map.of("total", total, "counts", counts), WorkCount.wordcount(text));
    }
}
