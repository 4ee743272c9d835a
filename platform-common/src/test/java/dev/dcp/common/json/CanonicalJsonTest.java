package dev.dcp.common.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CanonicalJsonTest {

    public record Point(int y, String x, List<Integer> tags) {}

    @Test
    void integersUpToTwoToThe53MinusOneAreExactAndLargerOnesAreRefused() {
        long max = CanonicalJson.MAX_SAFE_INTEGER;
        assertThat(max).isEqualTo(9_007_199_254_740_991L);
        assertThat(CanonicalJson.encode(Map.of("n", max))).isEqualTo("{\"n\":9007199254740991}");
        assertThat(CanonicalJson.encode(Map.of("n", -max))).isEqualTo("{\"n\":-9007199254740991}");
        assertThatThrownBy(() -> CanonicalJson.encode(Map.of("n", max + 1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CanonicalJson.encode(List.of(BigInteger.TWO.pow(60))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aLoneSurrogateIsRefusedWhileAPairIsWrittenAsIs() {
        assertThat(CanonicalJson.encode("\ud83d\ude00")).isEqualTo("\"\ud83d\ude00\"");
        assertThatThrownBy(() -> CanonicalJson.encode("a\ud83db")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CanonicalJson.encode("\ude00")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keysAreSortedByUtf16CodeUnitsAsInRfc8785SortingExample() {
        // RFC 8785 section 3.2.3, inserted in the RFC's (unsorted) order
        Map<String, Object> in = new LinkedHashMap<>();
        in.put("\u20ac", "Euro Sign");
        in.put("\r", "Carriage Return");
        in.put("\ufb33", "Hebrew Letter Dalet With Dagesh");
        in.put("1", "One");
        in.put("\ud83d\ude00", "Emoji: Grinning Face");
        in.put("\u0080", "Control");
        in.put("\u00f6", "Latin Small Letter O With Diaeresis");

        // the emoji (surrogates D83D DE00) sorts before U+FB33 by code unit, although it is after it by code point
        assertThat(CanonicalJson.encode(in))
                .isEqualTo("{"
                        + "\"\\r\":\"Carriage Return\","
                        + "\"1\":\"One\","
                        + "\"\u0080\":\"Control\","
                        + "\"\u00f6\":\"Latin Small Letter O With Diaeresis\","
                        + "\"\u20ac\":\"Euro Sign\","
                        + "\"\ud83d\ude00\":\"Emoji: Grinning Face\","
                        + "\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\""
                        + "}");
    }

    @Test
    void keysWithUmlautSortAfterAsciiAndBeforeEuroSign() {
        Map<String, Object> in = new HashMap<>();
        in.put("\u00fc", 1);
        in.put("z", 2);
        in.put("\u20ac", 3);
        in.put("Z", 4);
        in.put("", 5);

        assertThat(CanonicalJson.encode(in)).isEqualTo("{\"\":5,\"Z\":4,\"z\":2,\"\u00fc\":1,\"\u20ac\":3}");
    }

    @Test
    void rfc8785Section322ExampleIsReproducedExactly() {
        String input = """
                {
                  "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
                  "string": "\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\"\\/",
                  "literals": [null, true, false]
                }
                """;

        String expected = "{\"literals\":[null,true,false],"
                + "\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],"
                + "\"string\":\"\u20ac$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}";
        assertThat(CanonicalJson.encode(Json.readMap(input))).isEqualTo(expected);
    }

    @Test
    void nestedMapsAndListsAreWrittenWithoutAnyWhitespace() {
        Map<String, Object> inner = new HashMap<>();
        inner.put("d", true);
        inner.put("c", null);
        Map<String, Object> in = new HashMap<>();
        in.put("e", Map.of());
        in.put("b", List.of(1, 2, inner, List.of()));
        in.put("a", List.of());
        in.put("f", false);

        assertThat(CanonicalJson.encode(in))
                .isEqualTo("{\"a\":[],\"b\":[1,2,{\"c\":null,\"d\":true},[]],\"e\":{},\"f\":false}");
    }

    @Test
    void listsKeepTheirOrder() {
        assertThat(CanonicalJson.encode(List.of("b", "a", 3, 1))).isEqualTo("[\"b\",\"a\",3,1]");
    }

    @Test
    void controlCharactersAreEscapedAsLowercaseUnicodeEscapes() {
        String s = "\u0000\u0001\u000b\u000e\u001b\u001f";

        assertThat(CanonicalJson.encode(s)).isEqualTo("\"\\u0000\\u0001\\u000b\\u000e\\u001b\\u001f\"");
    }

    @Test
    void shortEscapesAreUsedWhereJsonHasThem() {
        assertThat(CanonicalJson.encode("\n\t\"\\\b\f\r")).isEqualTo("\"\\n\\t\\\"\\\\\\b\\f\\r\"");
    }

    @Test
    void slashDeleteAndNonAsciiAreEmittedRawAsUtf8() {
        String s = "/\u007f\u00e9\u20ac\ud83d\ude00";

        byte[] bytes = CanonicalJson.bytes(s);

        // " / DEL e-acute(c3 a9) euro(e2 82 ac) grinning face(f0 9f 98 80) "
        assertThat(HexFormat.of().formatHex(bytes)).isEqualTo("222f7fc3a9e282acf09f988022");
    }

    @Test
    void bytesAreTheUtf8EncodingOfTheCanonicalString() {
        Map<String, Object> in = Map.of("k\u00fc", List.of("\u20ac", 1));

        assertThat(CanonicalJson.bytes(in)).isEqualTo(CanonicalJson.encode(in).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void integersAreWrittenInPlainDecimal() {
        assertThat(CanonicalJson.encode(List.of(
                        0, -1, 42, 9_007_199_254_740_991L, (short) -7, (byte) 3, BigInteger.valueOf(123456789))))
                .isEqualTo("[0,-1,42,9007199254740991,-7,3,123456789]");
    }

    @Test
    void scalarsAndNullAreEncodedOnTheirOwn() {
        assertThat(CanonicalJson.encode(null)).isEqualTo("null");
        assertThat(CanonicalJson.encode(true)).isEqualTo("true");
        assertThat(CanonicalJson.encode("x")).isEqualTo("\"x\"");
        assertThat(CanonicalJson.encode(7L)).isEqualTo("7");
    }

    @Test
    void recordsAreConvertedToObjectsWithSortedKeys() {
        assertThat(CanonicalJson.encode(new Point(2, "a", List.of(3, 1))))
                .isEqualTo("{\"tags\":[3,1],\"x\":\"a\",\"y\":2}");
    }

    @Test
    void recordsInsideMapsAreConvertedToo() {
        assertThat(CanonicalJson.encode(Map.of("p", new Point(-1, "\n", List.of()))))
                .isEqualTo("{\"p\":{\"tags\":[],\"x\":\"\\n\",\"y\":-1}}");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "1e21, 1e+21",
        "1e-7, 1e-7",
        "0.000001, 0.000001",
        "123456789012345680000, 123456789012345680000",
        "-0.0, 0",
        "0.0, 0",
        "3.14159, 3.14159",
        "100.0, 100",
        "-1.5, -1.5",
        "1e20, 100000000000000000000",
        "0.1, 0.1",
        "1e30, 1e+30",
        "4.50, 4.5",
        "2e-3, 0.002",
    })
    void doublesAreWrittenInEcmaScriptShortestForm(double value, String expected) {
        assertThat(CanonicalJson.encode(value)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        // RFC 8785 Appendix B: IEEE 754 bit pattern, expected JCS text
        "0000000000000000, 0",
        "8000000000000000, 0",
        "0000000000000001, 5e-324",
        "8000000000000001, -5e-324",
        "7fefffffffffffff, 1.7976931348623157e+308",
        "ffefffffffffffff, -1.7976931348623157e+308",
        "4340000000000000, 9007199254740992",
        "c340000000000000, -9007199254740992",
        "4430000000000000, 295147905179352830000",
        "44b52d02c7e14af5, 9.999999999999997e+22",
        "44b52d02c7e14af6, 1e+23",
        "44b52d02c7e14af7, 1.0000000000000001e+23",
        "444b1ae4d6e2ef4e, 999999999999999700000",
        "444b1ae4d6e2ef4f, 999999999999999900000",
        "444b1ae4d6e2ef50, 1e+21",
        "3eb0c6f7a0b5ed8c, 9.999999999999997e-7",
        "3eb0c6f7a0b5ed8d, 0.000001",
        "41b3de4355555553, 333333333.3333332",
        "41b3de4355555554, 333333333.33333325",
        "41b3de4355555555, 333333333.3333333",
        "41b3de4355555556, 333333333.3333334",
        "41b3de4355555557, 333333333.33333343",
        "becbf647612f3696, -0.0000033333333333333333",
        "43143ff3c1cb0959, 1424953923781206.2",
    })
    void doublesMatchRfc8785AppendixB(String ieeeHex, String expected) {
        double value = Double.longBitsToDouble(Long.parseUnsignedLong(ieeeHex, 16));

        assertThat(CanonicalJson.encode(value)).isEqualTo(expected);
    }

    @Test
    void nanAndInfinityAreRejected() {
        assertThatThrownBy(() -> CanonicalJson.encode(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CanonicalJson.encode(Double.POSITIVE_INFINITY))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CanonicalJson.encode(Double.NEGATIVE_INFINITY))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyFiniteDoubleReadsBackExactlyAndInEcmaScriptSyntax() {
        Random random = new Random(8785);
        List<Double> values = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            double d = Double.longBitsToDouble(random.nextLong());
            if (Double.isFinite(d)) {
                values.add(d);
            }
            values.add(random.nextDouble() * Math.pow(10, random.nextInt(40) - 20));
        }
        for (double d : values) {
            String text = CanonicalJson.encode(d);

            assertThat(Double.parseDouble(text)).as(text).isEqualTo(d == 0 ? 0.0 : d);
            assertThat(text).as("ES6 form of %s", d).matches("-?(0|[1-9][0-9]*)(\\.[0-9]*[1-9])?(e[+-][1-9][0-9]*)?");
        }
    }

    @Test
    void doubleDigitsAreNeverMoreThanJavasRoundTripDigits() {
        // Double.toString always reads back, so the shortest form can have no more significant digits than it
        Random random = new Random(42);
        for (int i = 0; i < 5_000; i++) {
            double d = Double.longBitsToDouble(random.nextLong());
            if (!Double.isFinite(d) || d == 0) {
                continue;
            }
            String jcs = CanonicalJson.encode(d);
            String java = Double.toString(d);

            assertThat(significantDigits(jcs)).as("%s vs %s", jcs, java).isLessThanOrEqualTo(significantDigits(java));
        }
    }

    private static int significantDigits(String number) {
        String mantissa = number.replaceFirst("[eE].*$", "").replace("-", "").replace(".", "");
        return mantissa.replaceFirst("^0+", "").replaceFirst("0+$", "").length();
    }
}
