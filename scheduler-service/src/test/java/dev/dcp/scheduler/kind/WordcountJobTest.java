package dev.dcp.scheduler.kind;

import static dev.dcp.scheduler.kind.KindAssertions.SPLITTERS;
import static dev.dcp.scheduler.kind.KindAssertions.fields;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dcp.scheduler.split.GuidedSplitter;
import dev.dcp.scheduler.split.Splitter;
import dev.dcp.scheduler.split.StaticSplitter;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WordcountJobTest {

    private static final int MIB = 1024 * 1024;
    private static final int CAP = WordcountJob.MAX_CHUNK;

    private final WordcountJob kind = new WordcountJob();

    private List<String> texts(String text, Integer parallelism, Splitter splitter) {
        return kind.split(Map.of("text", text), parallelism, splitter).stream()
                .map(s -> (String) s.get("text"))
                .toList();
    }

    /** The chunks put back together are the text, and no cut between two of them is inside a word or a pair. */
    private static void assertCutCleanly(String text, List<String> chunks) {
        assertThat(String.join("", chunks)).isEqualTo(text);
        int at = 0;
        for (int i = 0; i < chunks.size() - 1; i++) {
            at += chunks.get(i).length();
            char before = text.charAt(at - 1);
            char after = text.charAt(at);
            assertThat(Character.isHighSurrogate(before) && Character.isLowSurrogate(after))
                    .as("cut at %d splits a surrogate pair", at)
                    .isFalse();
            assertThat(Character.isLetter(text.codePointBefore(at)) && Character.isLetter(text.codePointAt(at)))
                    .as(
                            "cut at %d splits the word around \"%s\"",
                            at, text.substring(Math.max(0, at - 5), Math.min(text.length(), at + 5)))
                    .isFalse();
        }
    }

    @Test
    void anyStringUpTo8MiBOfUtf8IsValid() {
        assertThat(kind.validate(Map.of("text", "Hello, world"))).isEmpty();
        assertThat(kind.validate(Map.of("text", ""))).isEmpty();
        assertThat(kind.validate(Map.of("text", "ab ".repeat(8 * MIB / 3) + "ab")))
                .isEmpty();
    }

    @Test
    void aMissingOrNonStringTextIsABadField() {
        assertThat(fields(kind.validate(Map.of()))).containsExactly("input.text");
        assertThat(fields(kind.validate(Map.of("text", 42)))).containsExactly("input.text");
        assertThat(fields(kind.validate(Map.of("text", List.of("a", "b"))))).containsExactly("input.text");
    }

    @Test
    void moreThan8MiBOfUtf8IsTooLargeNamingTheText() {
        // 4 Mi + 1 chars, but each é is two bytes of UTF-8
        String text = "é".repeat(4 * MIB + 1);

        assertThatThrownBy(() -> kind.validate(Map.of("text", text))).isInstanceOfSatisfying(InputTooLarge.class, e -> {
            assertThat(e.field().field()).isEqualTo("input.text");
            assertThat(e.getMessage()).isEqualTo("input.text is 8388610 bytes of UTF-8; at most 8388608 are accepted");
        });
    }

    @Test
    void exactly8MiBOfUtf8IsNotTooLarge() {
        // 4-byte pairs: 2 Mi of them is 8 MiB
        assertThat(kind.validate(Map.of("text", "\uD83D\uDE00".repeat(2 * MIB))))
                .isEmpty();
        assertThatThrownBy(() -> kind.validate(Map.of("text", "\uD83D\uDE00".repeat(2 * MIB) + "x")))
                .isInstanceOf(InputTooLarge.class);
    }

    @Test
    void aLoneSurrogateIsABadText() {
        assertThat(fields(kind.validate(Map.of("text", "broken \uD83D text")))).containsExactly("input.text");
    }

    @Test
    void aWordLongerThanTheLargestChunkIsABadText() {
        assertThat(kind.validate(Map.of("text", "x " + "a".repeat(CAP) + " y"))).isEmpty();
        assertThat(fields(kind.validate(Map.of("text", "x " + "a".repeat(CAP + 1) + " y"))))
                .containsExactly("input.text");
    }

    @Test
    void cutsMoveForwardToTheEndOfTheWord() {
        assertThat(texts("the cat sat", 2, new StaticSplitter())).containsExactly("the cat", " sat");
    }

    @Test
    void wordsOfSurrogatePairLettersAreNotCut() {
        // U+1D41A.. are letters written as pairs: "𝐚𝐛𝐜 𝐝𝐞" is 11 chars, asked for one chunk per char
        String text = "\uD835\uDC1A\uD835\uDC1B\uD835\uDC1C \uD835\uDC1D\uD835\uDC1E";

        assertThat(texts(text, 11, new StaticSplitter()))
                .containsExactly("\uD835\uDC1A\uD835\uDC1B\uD835\uDC1C", " ", "\uD835\uDC1D\uD835\uDC1E");
    }

    @Test
    void pairsThatAreNotLettersAreNotCutEither() {
        assertThat(texts("\uD83D\uDE00\uD83D\uDE00", 4, new StaticSplitter()))
                .containsExactly("\uD83D\uDE00", "\uD83D\uDE00");
    }

    @Test
    void lettersAroundAPairThatIsNotALetterMayBeCutApart() {
        assertThat(texts("ab\uD83D\uDE00cd", 3, new StaticSplitter())).containsExactly("ab", "\uD83D\uDE00", "cd");
    }

    @Test
    void oneLongWordIsOneSubtaskWhateverTheParallelism() {
        assertThat(texts("supercalifragilistic", 8, new GuidedSplitter())).containsExactly("supercalifragilistic");
    }

    @Test
    void anEmptyTextIsOneEmptySubtask() {
        assertThat(texts("", 5, new StaticSplitter())).containsExactly("");
        assertThat(texts("", null, new GuidedSplitter())).containsExactly("");
    }

    @Test
    void aTextWithoutLettersIsCutAnywhereButInsideAPair() {
        assertThat(texts("1, 2, 3!", 4, new StaticSplitter())).containsExactly("1,", " 2", ", ", "3!");
    }

    @Test
    void randomTextsAreCutCleanlyByEveryStrategy() {
        String[] pieces = {"a", "B", "é", "日", "\uD835\uDC1A", " ", ",", "\n", "1", "\uD83D\uDE00", "'", "ß"};
        Random random = new Random(11);
        for (int i = 0; i < 400; i++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(4) == 0 ? random.nextInt(10) : random.nextInt(3000);
            while (text.length() < length) {
                // mostly letters, so words are long enough for cuts to land inside them
                text.append(pieces[random.nextInt(3) == 0 ? random.nextInt(pieces.length) : random.nextInt(5)]);
            }
            Integer parallelism = random.nextInt(5) == 0 ? null : 1 + random.nextInt(300);
            for (Splitter splitter : SPLITTERS) {
                List<String> chunks = texts(text.toString(), parallelism, splitter);

                assertThat(chunks).isNotEmpty();
                if (text.length() > 0) {
                    assertThat(chunks).allSatisfy(c -> assertThat(c).isNotEmpty());
                }
                assertCutCleanly(text.toString(), chunks);
            }
        }
    }

    @Test
    void withoutAParallelismChunksAreAbout64KiChars() {
        String text = "word ".repeat(128 * 1024); // 640 Ki chars

        assertThat(texts(text, null, new StaticSplitter())).hasSize(10);
    }

    @Test
    void aParallelismThatWouldMakeChunksOverTheLargestChunkGetsMoreChunks() {
        String text = "lorem ipsum ".repeat(8 * MIB / 12);

        for (Splitter splitter : SPLITTERS) {
            List<String> chunks = texts(text, 1, splitter);

            assertThat(chunks).hasSizeGreaterThanOrEqualTo(64);
            assertThat(chunks).allSatisfy(c -> assertThat(c.length()).isLessThanOrEqualTo(CAP));
            assertCutCleanly(text, chunks);
        }
    }

    @Test
    void unevenSplitsAreCutDownToTheLargestChunkAtWordBoundaries() {
        // guided makes its first chunk about 1.6 times the average: over the cap at 32 parts of 8 Mi chars, whatever
        // the cap
        String text = "alpha beta gamma ".repeat(8 * MIB / 17);

        List<String> chunks = texts(text, 32, new GuidedSplitter());

        assertThat(chunks).hasSizeGreaterThan(32);
        assertThat(chunks).allSatisfy(c -> assertThat(c.length()).isLessThanOrEqualTo(CAP));
        assertCutCleanly(text, chunks);
    }

    @Test
    void aWordOfExactlyTheLargestChunkFitsInOneSubtask() {
        String text = "ab " + "w".repeat(CAP) + " cd";

        List<String> chunks = texts(text, 1, new StaticSplitter());

        assertThat(chunks).contains("w".repeat(CAP));
        assertCutCleanly(text, chunks);
    }
}
