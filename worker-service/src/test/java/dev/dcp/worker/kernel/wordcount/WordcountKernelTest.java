package dev.dcp.worker.kernel.wordcount;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dcp.common.event.Kind;
import dev.dcp.common.json.CanonicalJson;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class WordcountKernelTest {

    private final WordcountKernel kernel = new WordcountKernel();

    private Map<String, Object> count(String text) {
        return kernel.run(Map.of("text", text)).output();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> counts(String text) {
        return (Map<String, Object>) count(text).get("counts");
    }

    /** Words by the regex engine's letter class, \p{L}, which is the same five categories as isLetter. */
    private static Map<String, Object> countWithRegex(String text) {
        Map<String, Object> counts = new HashMap<>();
        long total = 0;
        Matcher words = Pattern.compile("\\p{L}+").matcher(text);
        while (words.find()) {
            counts.merge(words.group().toLowerCase(Locale.ROOT), 1L, (x, y) -> (Long) x + (Long) y);
            total++;
        }
        return Map.of("total", total, "counts", counts);
    }

    @Test
    void isRegisteredUnderItsKind() {
        assertThat(kernel.kind()).isEqualTo(Kind.WORDCOUNT);
    }

    @Test
    void emptyTextHasNoWords() {
        assertThat(count("")).isEqualTo(Map.of("total", 0L, "counts", Map.of()));
    }

    @Test
    void digitsWhitespaceAndPunctuationAloneHaveNoWords() {
        assertThat(count("0123 456789 \t\n 3.14 -7 ... 42_000 !?")).isEqualTo(Map.of("total", 0L, "counts", Map.of()));
    }

    @Test
    void countsRepeatedWordsIgnoringCase() {
        assertThat(count("The cat saw the other cat. THE END"))
                .isEqualTo(
                        Map.of("total", 8L, "counts", Map.of("the", 3L, "cat", 2L, "saw", 1L, "other", 1L, "end", 1L)));
    }

    @Test
    void punctuationDigitsUnderscoresAndApostrophesSplitWords() {
        assertThat(counts("don't")).isEqualTo(Map.of("don", 1L, "t", 1L));
        assertThat(counts("snake_case42abc")).isEqualTo(Map.of("snake", 1L, "case", 1L, "abc", 1L));
        assertThat(counts("well-known,e-mail;x.y"))
                .isEqualTo(Map.of("well", 1L, "known", 1L, "e", 1L, "mail", 1L, "x", 1L, "y", 1L));
        assertThat(counts("it\u2019s")).as("a typographic apostrophe too").isEqualTo(Map.of("it", 1L, "s", 1L));
    }

    @Test
    void accentedLettersBelongToTheirWord() {
        assertThat(counts("Café CAFÉ naïve École")).isEqualTo(Map.of("café", 2L, "naïve", 1L, "école", 1L));
    }

    @Test
    void sharpSIsALetterAndStaysSharpWhenLowerCased() {
        assertThat(counts("Straße STRASSE")).isEqualTo(Map.of("straße", 1L, "strasse", 1L));
    }

    @Test
    void greekWordsAreLowerCasedWholeSoAFinalSigmaTakesItsFinalForm() {
        // letter by letter both capital sigmas would become σ (U+03C3); lowered as a word the last is ς (U+03C2)
        String wise = "\u03C3\u03BF\u03C6\u03BF\u03C2";

        assertThat(counts("ΣΟΦΟΣ")).isEqualTo(Map.of(wise, 1L));
        assertThat(counts("ΣΟΦΟΣ σοφος")).isEqualTo(Map.of(wise, 2L));
    }

    @Test
    void cjkCharactersAreLettersAndRunTogetherUntilPunctuation() {
        assertThat(counts("日本語のテキスト、中文。한국어 漢字")).isEqualTo(Map.of("日本語のテキスト", 1L, "中文", 1L, "한국어", 1L, "漢字", 1L));
    }

    @Test
    void aLetterOutsideTheBasicPlaneIsOneLetterNotTwoSurrogates() {
        // U+1D400 MATHEMATICAL BOLD CAPITAL A is a letter with no lower case; U+10400 DESERET CAPITAL LONG I lowers
        // to U+10428, both encoded as surrogate pairs
        String boldA = new String(Character.toChars(0x1D400));
        String deseretCapital = new String(Character.toChars(0x10400));
        String deseretSmall = new String(Character.toChars(0x10428));

        assertThat(counts(boldA)).isEqualTo(Map.of(boldA, 1L));
        assertThat(counts("x" + boldA + "y " + boldA)).isEqualTo(Map.of("x" + boldA + "y", 1L, boldA, 1L));
        assertThat(counts(deseretCapital + "a " + deseretSmall + "A")).isEqualTo(Map.of(deseretSmall + "a", 2L));
    }

    @Test
    void dottedCapitalIFollowsTheRootLocaleNotTurkish() {
        // ROOT lower-cases İ to i followed by U+0307 COMBINING DOT ABOVE, kept because the whole word is lowered
        assertThat(counts("İstanbul ISTANBUL")).isEqualTo(Map.of("i\u0307stanbul", 1L, "istanbul", 1L));
    }

    @Test
    void theWorkersDefaultLocaleDoesNotChangeTheCounts() {
        // in a Turkish default locale, lower-casing I would give dotless ı: workers must agree wherever they run
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.forLanguageTag("tr-TR"));

            assertThat(counts("ISTANBUL İstanbul")).isEqualTo(Map.of("istanbul", 1L, "i\u0307stanbul", 1L));
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void aCombiningMarkIsNotALetterSoADecomposedAccentSplitsTheWord() {
        // precomposed é (U+00E9) is a letter; e + U+0301 is a letter and a mark, and the mark separates
        assertThat(counts("caf\u00E9")).isEqualTo(Map.of("caf\u00E9", 1L));
        assertThat(counts("cafe\u0301s")).isEqualTo(Map.of("cafe", 1L, "s", 1L));
    }

    @Test
    void aLoneSurrogateSeparatesWordsAndNeverReachesTheOutput() {
        assertThat(counts("ab\uD800cd\uDC00ef")).isEqualTo(Map.of("ab", 1L, "cd", 1L, "ef", 1L));
    }

    @Test
    void randomTextAgreesWithTheRegexLetterClass() {
        String[] pieces = {
            "a",
            "Z",
            "é",
            "É",
            "ß",
            "Σ",
            "ς",
            "ω",
            "日",
            "の",
            "한",
            "İ",
            "ı",
            "ǅ",
            "ʰ",
            new String(Character.toChars(0x1D400)),
            new String(Character.toChars(0x10400)),
            " ",
            "  ",
            "\n",
            "0",
            "7",
            "_",
            "'",
            "-",
            ".",
            "\u0301",
            "\u3001",
            "\uD800",
            "\uDC00",
            "٣"
        };
        Random random = new Random(11);
        for (int trial = 0; trial < 500; trial++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(60);
            for (int i = 0; i < length; i++) {
                text.append(pieces[random.nextInt(pieces.length)]);
            }

            assertThat(count(text.toString())).as("%s", text).isEqualTo(countWithRegex(text.toString()));
        }
    }

    @Test
    void countsOfChunksCutBetweenWordsAddUpToTheWholeText() {
        String first = "the quick brown fox, ";
        String second = "jumps over the lazy dog; the end";
        Map<String, Long> merged = new TreeMap<>();
        long total = 0;
        for (String chunk : new String[] {first, second}) {
            Map<String, Object> output = count(chunk);
            total += (Long) output.get("total");
            counts(chunk).forEach((word, n) -> merged.merge(word, (Long) n, Long::sum));
        }

        assertThat(count(first + second)).isEqualTo(Map.of("total", total, "counts", merged));
    }

    @Test
    void rejectsInputWithoutText() {
        assertThatThrownBy(() -> kernel.run(Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("text");
    }

    @Test
    void theOutputEncodesAsCanonicalJsonWithWordsInCodeUnitOrder() {
        assertThat(CanonicalJson.encode(count("b a B \u00E9 z")))
                .isEqualTo("{\"counts\":{\"a\":1,\"b\":2,\"z\":1,\"\u00E9\":1},\"total\":5}");
        assertThat(CanonicalJson.encode(count(""))).isEqualTo("{\"counts\":{},\"total\":0}");
    }
}
