package dev.dcp.scheduler.reduce;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HashcashReducerTest {

    private final HashcashReducer reducer = new HashcashReducer();

    private static Map<String, Object> miss() {
        Map<String, Object> output = new HashMap<>();
        output.put("nonce", null);
        output.put("hash", null);
        return output;
    }

    private static Map<String, Object> hit(long nonce, String hash) {
        return Map.of("nonce", nonce, "hash", hash);
    }

    @Test
    void theFirstChunkWithAHitHasTheSmallestNonce() {
        Map<String, Object> result =
                reducer.reduce(List.of(miss(), hit(2_500_123, "000a"), miss(), hit(4_000_007, "0001")));

        assertThat(result).containsOnly(Map.entry("nonce", 2_500_123L), Map.entry("hash", "000a"));
    }

    @Test
    void aHitInTheFirstChunkWinsOverAnyLaterOne() {
        assertThat(reducer.reduce(List.of(hit(17, "00ff"), hit(2_000_001, "0000")))
                        .get("nonce"))
                .isEqualTo(17L);
    }

    @Test
    void noHitAnywhereIsANullNonceAndHash() {
        Map<String, Object> result = reducer.reduce(List.of(miss(), miss(), Map.of()));

        assertThat(result).hasSize(2).containsEntry("nonce", null).containsEntry("hash", null);
    }

    @Test
    void theResultKeepsOnlyNonceAndHash() {
        Map<String, Object> output = new HashMap<>(hit(5, "00"));
        output.put("tries", 6);

        assertThat(reducer.reduce(List.of(output))).containsOnlyKeys("nonce", "hash");
    }
}
