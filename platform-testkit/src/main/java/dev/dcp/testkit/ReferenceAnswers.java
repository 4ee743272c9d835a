package dev.dcp.testkit;

import dev.dcp.common.json.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The answers every job kind must give, computed here independently from API.md's definitions, for the tests
 * that drive the platform from outside (the in-process devnet and the containers alike).
 */
public final class ReferenceAnswers {

    /** A WebAssembly module exporting {@code sum(start, end)}: the sum of [start, end), hand-assembled. */
    public static final String SUM_WASM = java.util.Base64.getEncoder()
            .encodeToString(java.util.HexFormat.of()
                    .parseHex(
                            "0061736d0100000001070160027e7e017e030201000707010373756d00000a25012301017e0240034020002001"
                                    + "590d01200220007c2102200042017c21000c000b0b20020b"));

    /** One job of a kind: its input and the answer it must give. */
    public record Case(Map<String, Object> input, Map<String, Object> answer) {}

    /**
     * A job of every kind, small enough for a test, large enough that four subtasks each have work (and that
     * hashcash's answer is not in the first one); answers through JSON, so numbers compare as the API's parser
     * types them.
     */
    public static Map<String, Case> everyKind() {
        String text = generatedText(300_000, 11);
        Map<String, Case> cases = new LinkedHashMap<>();
        cases.put("primes", new Case(Map.of("from", 0, "to", 1_000_000), Map.of("count", 78_498)));
        cases.put("montecarlo-pi", new Case(Map.of("samples", 3_000_000, "seed", 42), monteCarloPi(3_000_000, 42)));
        cases.put(
                "hashcash",
                new Case(
                        Map.of("prefix", "dcp-", "difficulty", 14, "from", 0, "to", 400_000),
                        hashcash("dcp-", 14, 0, 400_000)));
        cases.put("matmul", new Case(Map.of("n", 96, "seed", 7), matmul(96, 7)));
        cases.put("wordcount", new Case(Map.of("text", text), wordcount(text)));
        cases.put(
                "wasm",
                new Case(
                        Map.of(
                                "module",
                                SUM_WASM,
                                "function",
                                "sum",
                                "from",
                                -1_000,
                                "to",
                                2_000_000,
                                "combine",
                                "sum"),
                        Map.of("value", (-1_000L + 1_999_999L) * 2_001_000L / 2)));
        cases.replaceAll((kind, c) -> new Case(c.input(), Json.readMap(Json.write(c.answer()))));
        return cases;
    }

    public static Map<String, Object> monteCarloPi(long samples, long seed) {
        long inside = 0;
        for (long i = 0; i < samples; i++) {
            long x = draw(seed, 2 * i) >>> 33;
            long y = draw(seed, 2 * i + 1) >>> 33;
            if (x * x + y * y < (1L << 62)) {
                inside++;
            }
        }
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("samples", samples);
        r.put("inside", inside);
        r.put("estimate", 4.0 * inside / samples);
        return Json.readMap(Json.write(r));
    }

    private static long draw(long seed, long k) {
        long z = seed + (k + 1) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    public static Map<String, Object> hashcash(String prefix, int difficulty, long from, long to) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (long n = from; n < to; n++) {
                byte[] d = sha.digest((prefix + n).getBytes(StandardCharsets.UTF_8));
                if (new java.math.BigInteger(1, d).bitLength() <= 256 - difficulty) {
                    return Map.of(
                            "nonce", (int) n, "hash", java.util.HexFormat.of().formatHex(d));
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        Map<String, Object> none = new HashMap<>();
        none.put("nonce", null);
        none.put("hash", null);
        return none;
    }

    public static Map<String, Object> matmul(int n, long seed) {
        long trace = 0;
        long sum = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                long c = 0;
                for (int k = 0; k < n; k++) {
                    c += (long) Math.floorMod(31L * i + 17L * k + seed, 97)
                            * Math.floorMod(13L * k + 7L * j + seed, 89);
                }
                sum += c;
                trace += i == j ? c : 0;
            }
        }
        return Map.of("n", n, "trace", trace, "sum", sum);
    }

    public static Map<String, Object> wordcount(String text) {
        Map<String, Integer> counts = new HashMap<>();
        Matcher m = Pattern.compile("\\p{L}+").matcher(text);
        int total = 0;
        while (m.find()) {
            counts.merge(m.group().toLowerCase(Locale.ROOT), 1, Integer::sum);
            total++;
        }
        List<Map.Entry<String, Integer>> top = new ArrayList<>(counts.entrySet());
        top.sort((a, b) ->
                b.getValue().equals(a.getValue()) ? a.getKey().compareTo(b.getKey()) : b.getValue() - a.getValue());
        List<List<Object>> ten = top.stream()
                .limit(10)
                .map(e -> List.<Object>of(e.getKey(), e.getValue()))
                .toList();
        return Map.of("total", total, "distinct", counts.size(), "top", ten);
    }

    /** Words of mixed case and script, some punctuation and digits, so chunk cuts and case folding matter. */
    public static String generatedText(int length, long seed) {
        String[] words = {
            "Alpha",
            "beta",
            "GAMMA",
            "délta",
            "Straße",
            "ελληνικά",
            "日本語",
            "don't",
            "x",
            "zeta",
            "Eta",
            "theta",
            "iota",
            "kappa",
            "lambda",
            "mu"
        };
        Random random = new Random(seed);
        StringBuilder sb = new StringBuilder(length + 16);
        while (sb.length() < length) {
            sb.append(words[(int) Math.floor(Math.pow(random.nextDouble(), 2) * words.length)]);
            sb.append(
                    switch (random.nextInt(6)) {
                        case 0 -> ", ";
                        case 1 -> ".\n";
                        case 2 -> " 42 ";
                        default -> " ";
                    });
        }
        return sb.toString();
    }

    private ReferenceAnswers() {}
}
