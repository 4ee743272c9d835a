package dev.dcp.scheduler.reduce;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WordcountReducerTest {

    private final WordcountReducer reducer = new WordcountReducer();

    private static Map<String, Object> chunk(long total, Map<String, Object> counts) {
        return Map.of("total", total, "counts", counts);
    }

    @Test
    void countsOfTheSameWordInDifferentChunksAddUp() {
        Map<String, Object> result = reducer.reduce(List.of(
                chunk(6, Map.of("the", 3, "cat", 2, "sat", 1)),
                chunk(4, Map.of("the", 2, "dog", 2)),
                chunk(0, Map.of())));

        assertThat(result)
                .containsOnly(
                        Map.entry("total", 10L),
                        Map.entry("distinct", 4L),
                        Map.entry(
                                "top",
                                List.of(
                                        List.of("the", 5L),
                                        List.of("cat", 2L),
                                        List.of("dog", 2L),
                                        List.of("sat", 1L))));
    }

    @Test
    void topHoldsTheTenMostFrequentByCountThenWord() {
        Map<String, Object> counts = new LinkedHashMap<>();
        for (int i = 0; i < 26; i++) {
            // a..z get 1..26, but every third one a count more, tying it with its successor
            counts.put(String.valueOf((char) ('a' + i)), i % 3 == 0 ? i + 2 : i + 1);
        }

        List<?> top = (List<?>) reducer.reduce(List.of(chunk(351, counts))).get("top");

        assertThat(top)
                .isEqualTo(List.of(
                        List.of("y", 26L),
                        List.of("z", 26L),
                        List.of("x", 24L),
                        List.of("v", 23L),
                        List.of("w", 23L),
                        List.of("u", 21L),
                        List.of("s", 20L),
                        List.of("t", 20L),
                        List.of("r", 18L),
                        List.of("p", 17L)));
    }

    @Test
    void tiesAreOrderedByCodePointNotByUtf16Unit() {
        // U+FB01 (ﬁ) comes before U+1D41A (𝐚) by code point, after it by UTF-16 unit (0xFB01 > 0xD835)
        Map<String, Object> result = reducer.reduce(List.of(chunk(4, Map.of("\uD835\uDC1A", 2, "\uFB01", 2))));

        assertThat(result.get("top")).isEqualTo(List.of(List.of("\uFB01", 2L), List.of("\uD835\uDC1A", 2L)));
    }

    @Test
    void aWordSortsBeforeTheLongerWordsItBegins() {
        Map<String, Object> result = reducer.reduce(List.of(chunk(3, Map.of("ab", 1, "a", 1, "abc", 1))));

        assertThat(result.get("top")).isEqualTo(List.of(List.of("a", 1L), List.of("ab", 1L), List.of("abc", 1L)));
    }

    @Test
    void manyDistinctWordsKeepOnlyTheTopTen() {
        Map<String, Object> counts = new LinkedHashMap<>();
        for (int i = 0; i < 100_000; i++) {
            counts.put("w" + i, i % 1000);
        }

        Map<String, Object> result = reducer.reduce(List.of(chunk(49_950_000, counts)));

        assertThat(result.get("distinct")).isEqualTo(100_000L);
        List<String> words = new ArrayList<>();
        for (Object entry : (List<?>) result.get("top")) {
            assertThat(((List<?>) entry).get(1)).isEqualTo(999L);
            words.add((String) ((List<?>) entry).get(0));
        }
        // code point order of "w999", "w1999", ...: "w10999" < "w11999" < ... < "w1999" < "w20999"
        assertThat(words)
                .containsExactly(
                        "w10999", "w11999", "w12999", "w13999", "w14999", "w15999", "w16999", "w17999", "w18999",
                        "w1999");
    }

    @Test
    void noWordsGiveAnEmptyTop() {
        assertThat(reducer.reduce(List.of(chunk(0, Map.of()))))
                .containsOnly(Map.entry("total", 0L), Map.entry("distinct", 0L), Map.entry("top", List.of()));
    }

    private static Map<String, Object> range(long total, Map<String, Object> counts, String head, String tail) {
        Map<String, Object> out = new java.util.LinkedHashMap<>(chunk(total, counts));
        java.util.Base64.Encoder b64 = java.util.Base64.getEncoder();
        out.put("head", b64.encodeToString(head.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        if (tail != null) {
            out.put("tail", b64.encodeToString(tail.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
        return out;
    }

    @Test
    void wordsThatAnObjectsRangesCutAreJoinedAndCountedOnce() {
        // "the cat sat" + "on " + " the on mat" + "ting" + " ok": words cut at "sat|on" and across "mat|ting|"
        Map<String, Object> result = reducer.reduce(List.of(
                range(1, Map.of("cat", 1), "the", "sat"),
                range(0, Map.of(), "on", ""),
                range(2, Map.of("the", 1, "on", 1), "", "mat"),
                range(0, Map.of(), "ting", null),
                range(0, Map.of(), "", "ok")));

        assertThat(result).containsEntry("total", 7L).containsEntry("distinct", 6L);
        @SuppressWarnings("unchecked")
        List<Object> top = (List<Object>) result.get("top");
        assertThat(top)
                .contains(List.<Object>of("the", 2L), List.<Object>of("matting", 1L), List.<Object>of("saton", 1L));
    }
}
