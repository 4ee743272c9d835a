package dev.dcp.scheduler.reduce;

import dev.dcp.common.words.RangeJoin;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Merges the chunks' word counts (no word spans two text chunks, so counts simply add; the words that an object's
 * byte ranges cut are joined from their heads and tails, in subtask order, by {@link RangeJoin}) into the total, the number of
 * distinct words and the {@value #TOP} most frequent as {@code [[word, count], …]}: by count descending, ties by word
 * in Unicode code point order.
 */
public final class WordcountReducer implements Reducer {

    static final int TOP = 10;

    /** Most frequent first; code point order, not String.compareTo's UTF-16 order, which puts U+FB01 after U+1D41A. */
    static final Comparator<Map.Entry<String, Long>> RANK = Comparator.<Map.Entry<String, Long>>comparingLong(
                    Map.Entry::getValue)
            .reversed()
            .thenComparing(Map.Entry::getKey, WordcountReducer::compareCodePoints);

    @Override
    public Map<String, Object> reduce(List<Map<String, Object>> outputs) {
        long total = 0;
        Map<String, Long> counts = new HashMap<>();
        RangeJoin cut = new RangeJoin();
        Base64.Decoder base64 = Base64.getDecoder();
        for (Map<String, Object> o : outputs) {
            if (o.containsKey("head")) {
                Object tail = o.get("tail");
                cut.add(base64.decode((String) o.get("head")), tail == null ? null : base64.decode((String) tail));
            }
            total = Math.addExact(total, ((Number) o.get("total")).longValue());
            @SuppressWarnings("unchecked")
            Map<String, Object> chunkCounts = (Map<String, Object>) o.get("counts");
            chunkCounts.forEach((word, n) -> counts.merge(word, ((Number) n).longValue(), Math::addExact));
        }
        cut.finish();
        total = Math.addExact(total, cut.total());
        cut.counts().forEach((word, n) -> counts.merge(word, n[0], Math::addExact));
        // keeps the TOP best seen so far, the worst of them at the head to be pushed out
        PriorityQueue<Map.Entry<String, Long>> best = new PriorityQueue<>(TOP + 1, RANK.reversed());
        for (Map.Entry<String, Long> e : counts.entrySet()) {
            best.add(e);
            if (best.size() > TOP) {
                best.poll();
            }
        }
        List<Map.Entry<String, Long>> ranked = new ArrayList<>(best);
        ranked.sort(RANK);
        List<List<Object>> top = new ArrayList<>(ranked.size());
        for (Map.Entry<String, Long> e : ranked) {
            top.add(List.of(e.getKey(), e.getValue()));
        }
        return Map.of("total", total, "distinct", (long) counts.size(), "top", top);
    }

    static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
