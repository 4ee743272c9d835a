package dev.dcp.worker.kernel.hashcash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dcp.common.event.Kind;
import dev.dcp.common.json.CanonicalJson;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HashcashKernelTest {

    private final HashcashKernel kernel = new HashcashKernel();

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /** Leading zero bits of the digest read as a 256-bit unsigned number: independent of the kernel's byte walk. */
    private static int leadingZeroBits(byte[] hash) {
        return 256 - new BigInteger(1, hash).bitLength();
    }

    /** The definition, brute force: a fresh string and a fresh digest per nonce. */
    private static Long naiveFirstNonce(String prefix, int difficulty, long from, long to) {
        for (long n = from; n < to; n++) {
            if (leadingZeroBits(sha256(prefix + n)) >= difficulty) {
                return n;
            }
        }
        return null;
    }

    private Map<String, Object> run(String prefix, int difficulty, long from, long to) {
        return kernel.run(Map.of("prefix", prefix, "difficulty", difficulty, "from", from, "to", to))
                .output();
    }

    private static Map<String, Object> expected(String prefix, Long nonce) {
        Map<String, Object> output = new HashMap<>();
        output.put("nonce", nonce);
        output.put("hash", nonce == null ? null : HexFormat.of().formatHex(sha256(prefix + nonce)));
        return output;
    }

    @Test
    void isRegisteredUnderItsKind() {
        assertThat(kernel.kind()).isEqualTo(Kind.HASHCASH);
    }

    @Test
    void theHashOfZeroWithAnEmptyPrefixHasExactlyOneLeadingZeroBit() {
        // SHA-256("0") = 5feceb66...: 0x5f is 0101 1111, one zero bit before the first one
        Map<String, Object> output = run("", 1, 0, 1);

        assertThat(output.get("nonce")).isEqualTo(0L);
        assertThat(output.get("hash")).isEqualTo("5feceb66ffc86f38d952786c6d696c79c2dbc239dd4e91b46729d73a27fb57e9");
        assertThat(run("", 2, 0, 1).get("nonce")).isNull();
    }

    @ParameterizedTest(name = "prefix of {0} bytes")
    @ValueSource(ints = {0, 1, 17, 55, 56, 63, 64, 65, 100, 127, 128, 300})
    void agreesWithBruteForceForEveryPrefixLengthAroundTheBlockSize(int length) {
        String prefix = "p".repeat(length);
        for (int difficulty = 1; difficulty <= 10; difficulty++) {
            Long nonce = naiveFirstNonce(prefix, difficulty, 0, 5000);

            assertThat(run(prefix, difficulty, 0, 5000))
                    .as("difficulty %d", difficulty)
                    .isEqualTo(expected(prefix, nonce));
        }
    }

    @Test
    void agreesWithBruteForceAcrossChangesInTheNumberOfDigits() {
        String prefix = "job-17:";
        long[][] ranges = {
            {0, 12}, {7, 13}, {95, 1005}, {9990, 10_010}, {99_999_990, 100_000_020}, {(1L << 53) - 40, 1L << 53}
        };
        for (long[] range : ranges) {
            for (int difficulty = 1; difficulty <= 6; difficulty++) {
                Long nonce = naiveFirstNonce(prefix, difficulty, range[0], range[1]);

                assertThat(run(prefix, difficulty, range[0], range[1]))
                        .as("[%d, %d) difficulty %d", range[0], range[1], difficulty)
                        .isEqualTo(expected(prefix, nonce));
            }
        }
    }

    @Test
    void hashesThePrefixAsUtf8() {
        String prefix = "π-jöb-日本-\uD835\uDC00:"; // two-, three- and four-byte characters
        for (int difficulty = 1; difficulty <= 8; difficulty++) {
            Long nonce = naiveFirstNonce(prefix, difficulty, 0, 2000);

            assertThat(run(prefix, difficulty, 0, 2000)).isEqualTo(expected(prefix, nonce));
        }
    }

    @Test
    void reportsNullNonceAndHashWhenNoNonceInTheRangeQualifies() {
        Map<String, Object> output = run("job-1:", 64, 0, 1000);

        assertThat(output).containsOnlyKeys("nonce", "hash");
        assertThat(output.get("nonce")).isNull();
        assertThat(output.get("hash")).isNull();
    }

    @Test
    void returnsTheSmallestNonceWhenSeveralQualify() {
        String prefix = "several:";
        long first = naiveFirstNonce(prefix, 4, 0, 10_000);
        long second = naiveFirstNonce(prefix, 4, first + 1, 10_000);

        assertThat(run(prefix, 4, 0, second + 1)).isEqualTo(expected(prefix, first));
        assertThat(run(prefix, 4, first + 1, second + 1)).isEqualTo(expected(prefix, second));
    }

    @Test
    void fromIsInclusiveAndToIsExclusive() {
        String prefix = "bounds:";
        long q = naiveFirstNonce(prefix, 8, 0, 100_000);

        assertThat(run(prefix, 8, q, q + 1).get("nonce"))
                .as("from is inclusive")
                .isEqualTo(q);
        assertThat(run(prefix, 8, q - 3, q).get("nonce")).as("to is exclusive").isNull();
        assertThat(run(prefix, 8, q + 1, q + 2).get("nonce"))
                .as("q is before from")
                .isNull();
        assertThat(run(prefix, 8, 0, q + 1).get("nonce"))
                .as("q is the last nonce")
                .isEqualTo(q);
    }

    @ParameterizedTest(name = "difficulty {0}")
    @ValueSource(ints = {8, 9, 12, 16})
    void countsLeadingZeroBitsAcrossByteBoundaries(int difficulty) {
        String prefix = "boundary:";
        Long nonce = naiveFirstNonce(prefix, difficulty, 0, 1_000_000);
        assertThat(nonce).as("the test range holds a solution").isNotNull();

        Map<String, Object> output = run(prefix, difficulty, 0, 1_000_000);

        assertThat(output).isEqualTo(expected(prefix, nonce));
        assertThat(leadingZeroBits(HexFormat.of().parseHex((String) output.get("hash"))))
                .isGreaterThanOrEqualTo(difficulty);
    }

    @Test
    void theZeroBitTestStopsExactlyAtTheFirstOneBit() {
        byte[] hash = new byte[32];
        for (int ones = 0; ones < 64; ones++) {
            Arrays.fill(hash, (byte) 0);
            hash[ones / 8] = (byte) (0x80 >>> (ones % 8)); // the first one bit sits at position `ones`
            for (int bits = 1; bits <= 64; bits++) {
                assertThat(HashcashKernel.hasLeadingZeroBits(hash, bits))
                        .as("first one at %d, %d bits", ones, bits)
                        .isEqualTo(bits <= ones);
            }
        }
        assertThat(HashcashKernel.hasLeadingZeroBits(new byte[32], 64)).isTrue();
    }

    @Test
    void rejectsDifficultiesOutsideOneToSixtyFour() {
        assertThatThrownBy(() -> run("x", 0, 0, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> run("x", 65, 0, 10)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsBadRangesAndNoncesBeyondTheExactJsonRange() {
        assertThatThrownBy(() -> run("x", 1, 5, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> run("x", 1, -1, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> run("x", 1, 0, (1L << 53) + 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsAMissingOrNonStringPrefix() {
        assertThatThrownBy(() -> kernel.run(Map.of("difficulty", 1, "from", 0, "to", 5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("prefix");
        assertThatThrownBy(() -> kernel.run(Map.of("prefix", 7, "difficulty", 1, "from", 0, "to", 5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("prefix");
    }

    @Test
    void bothOutcomesEncodeAsCanonicalJson() {
        assertThat(CanonicalJson.encode(run("", 1, 0, 1)))
                .isEqualTo(
                        "{\"hash\":\"5feceb66ffc86f38d952786c6d696c79c2dbc239dd4e91b46729d73a27fb57e9\",\"nonce\":0}");
        assertThat(CanonicalJson.encode(run("", 2, 0, 1))).isEqualTo("{\"hash\":null,\"nonce\":null}");
    }
}
