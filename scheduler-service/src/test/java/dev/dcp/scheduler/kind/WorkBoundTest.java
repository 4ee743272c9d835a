package dev.dcp.scheduler.kind;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dcp.scheduler.split.StaticSplitter;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The scheduler's own count of a subtask's work, which bounds what an accepted answer is paid for. */
class WorkBoundTest {

    private final JobKinds kinds = new JobKinds();

    private long total(String kind, Map<String, Object> input, int parallelism) {
        JobKind k = kinds.find(kind).orElseThrow();
        assertThat(k.validate(input)).isEmpty();
        List<Map<String, Object>> parts = k.split(input, parallelism, new StaticSplitter());
        return parts.stream().mapToLong(k::workBound).sum();
    }

    @Test
    void theSubtasksOfAJobAddUpToTheWholeJobsWorkWhateverTheSplit() {
        for (int parallelism : new int[] {1, 3, 16}) {
            assertThat(total("primes", Map.of("from", 10, "to", 1_000_010), parallelism))
                    .isEqualTo(1_000_000);
            assertThat(total("montecarlo-pi", Map.of("samples", 3_000_000, "seed", 42), parallelism))
                    .isEqualTo(3_000_000);
            assertThat(total("hashcash", Map.of("prefix", "p", "difficulty", 8, "from", 0, "to", 90_000), parallelism))
                    .isEqualTo(90_000);
            assertThat(total("matmul", Map.of("n", 96, "seed", 7), parallelism)).isEqualTo(96L * 96 * 96);
            String text = "naïve words, 日本語 and more words ".repeat(5_000);
            assertThat(total("wordcount", Map.of("text", text), parallelism))
                    .isEqualTo(text.getBytes(StandardCharsets.UTF_8).length);
        }
    }

    @Test
    void aHashcashProofNarrowsTheBoundToTheNoncesTriedUpToIt() {
        JobKind hashcash = kinds.find("hashcash").orElseThrow();
        Map<String, Object> subtask = Map.of("prefix", "p", "difficulty", 8, "from", 1_000, "to", 2_000);
        assertThat(hashcash.boundDependsOnAnswer()).isTrue();
        assertThat(hashcash.workBound(subtask)).isEqualTo(1_000);
        Map<String, Object> found = new HashMap<>();
        found.put("nonce", 1_009);
        assertThat(hashcash.workBound(subtask, found)).isEqualTo(10);
        found.put("nonce", null);
        assertThat(hashcash.workBound(subtask, found)).isEqualTo(1_000);
        // a nonce outside the range proves nothing about how far the search went
        found.put("nonce", 5_000);
        assertThat(hashcash.workBound(subtask, found)).isEqualTo(1_000);
    }

    @Test
    void everyKindPublishesAnObjectSchemaNamingItsRequiredFields() {
        for (String name : kinds.names()) {
            Map<String, Object> schema = kinds.find(name).orElseThrow().inputSchema();
            assertThat(schema).as(name).containsEntry("type", "object");
            @SuppressWarnings("unchecked")
            Map<String, Object> properties = (Map<String, Object>) schema.get("properties");
            @SuppressWarnings("unchecked")
            List<String> required = new java.util.ArrayList<>((List<String>) schema.get("required"));
            // a kind that takes one of two inputs (wordcount: text or object) names each alternative's fields
            if (schema.get("oneOf") instanceof List<?> alternatives) {
                for (Object alternative : alternatives) {
                    @SuppressWarnings("unchecked")
                    List<String> fields = (List<String>) ((Map<String, Object>) alternative).get("required");
                    required.addAll(fields);
                }
            }
            assertThat(required).as(name).isNotEmpty();
            assertThat(properties).as(name).containsKeys(required.toArray(String[]::new));
        }
    }
}
