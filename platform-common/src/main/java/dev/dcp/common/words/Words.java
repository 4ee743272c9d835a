package dev.dcp.common.words;

import java.util.Locale;
import java.util.Map;

/**
 * What a word is, for {@code wordcount}: a maximal run of code points for which {@link Character#isLetter(int)}
 * holds (so digits, underscores, apostrophes, hyphens and combining marks all separate words), lower-cased as a whole
 * with {@code toLowerCase(Locale.ROOT)}. Lower-casing the whole word rather than each letter matters: a final capital
 * sigma becomes the final form, and a dotted capital I becomes two code points. The worker's kernel and the
 * scheduler's joining of words cut by a byte range both count with this one rule.
 */
public final class Words {

    private Words() {}

    /** Adds each word of {@code text} to {@code tally} (a mutable cell per word); returns how many there were. */
    public static long tally(String text, Map<String, long[]> tally) {
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
        return total;
    }
}
