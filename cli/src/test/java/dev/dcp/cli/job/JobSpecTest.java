package dev.dcp.cli.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobSpecTest {

    @Test
    void optionsReplaceTheSpecFilesFieldsAndInputsMergeIntoItsInput() {
        Map<String, Object> file =
                Map.of("kind", "primes", "input", Map.of("from", 0, "to", 10), "parallelism", 2, "maxCredits", 5);
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("parallelism", 8);
        options.put("redundancy", null);
        Map<String, Object> spec = JobSpec.build(file, null, Map.of("to", 1_000L), options);
        assertThat(spec)
                .containsEntry("kind", "primes")
                .containsEntry("parallelism", 8)
                .containsEntry("maxCredits", 5)
                .doesNotContainKey("redundancy");
        assertThat(spec.get("input")).isEqualTo(Map.of("from", 0, "to", 1_000L));
    }

    @Test
    void theKindArgumentWinsOverTheFiles() {
        assertThat(JobSpec.build(Map.of("kind", "primes"), "matmul", Map.of(), Map.of()))
                .containsEntry("kind", "matmul")
                .containsEntry("input", Map.of());
    }

    @Test
    void anInputValueIsJsonWhenItIsJsonAndTextOtherwise() {
        assertThat(JobSpec.input("n=64").getValue()).isEqualTo(64L);
        assertThat(JobSpec.input("to=-3").getValue()).isEqualTo(-3L);
        assertThat(JobSpec.input("big=123456789012345678901234567890").getValue())
                .isEqualTo(new java.math.BigInteger("123456789012345678901234567890"));
        assertThat(JobSpec.input("flag=true").getValue()).isEqualTo(true);
        assertThat(JobSpec.input("list=[1,2]").getValue()).isEqualTo(List.of(1, 2));
        assertThat(JobSpec.input("text=hello world").getValue()).isEqualTo("hello world");
        assertThat(JobSpec.input("text=a=b").getValue()).isEqualTo("a=b");
        assertThat(JobSpec.input("text={not json").getValue()).isEqualTo("{not json");
    }

    @Test
    void anInputWithoutANameIsRefused() {
        assertThatThrownBy(() -> JobSpec.input("=5")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JobSpec.input("novalue")).isInstanceOf(IllegalArgumentException.class);
    }
}
