package dev.dcp.common.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonRawValue;
import dev.dcp.common.json.Json;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SubtaskMessageTest {

    /** The scheduler's own message record before there was one wire contract, kept here as the reference. */
    record SchedulerMessageBefore(
            String jobId,
            int index,
            String replicaId,
            String kind,
            @JsonRawValue String input,
            long leaseMillis) {}

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"from\": 0, \"to\": 100000000}",
                "{\"to\":9007199254740991,\"from\":1}",
                "{\"text\": \"caf\\u00e9 \u00e9\\n\", \"samples\": 10, \"seed\": -42, \"x\": 2.5e-7, \"list\": [1, {}]}",
                "{}"
            })
    void aStoredInputGoesOutByteForByteAsTheSchedulerSentItBefore(String inputJson) {
        SubtaskMessage message = SubtaskMessage.withInputJson("job-1", 7, "replica-1", "primes", inputJson, 60_000);

        assertThat(Json.write(message))
                .isEqualTo(
                        Json.write(new SchedulerMessageBefore("job-1", 7, "replica-1", "primes", inputJson, 60_000)));
    }

    @Test
    void aMissingStoredInputGoesOutAsNullAsBefore() {
        SubtaskMessage message = SubtaskMessage.withInputJson("job-1", 0, "replica-1", "primes", null, 1);

        assertThat(Json.write(message))
                .isEqualTo(Json.write(new SchedulerMessageBefore("job-1", 0, "replica-1", "primes", null, 1)));
        assertThat(message.input()).isNull();
    }

    @Test
    void theMessageKeepsItsFieldNamesAndOrderOnTheWire() {
        SubtaskMessage message =
                SubtaskMessage.withInputJson("j", 2, "r", "hashcash", "{\"to\": 5, \"from\": 1}", 1000);

        assertThat(Json.write(message))
                .isEqualTo("{\"jobId\":\"j\",\"index\":2,\"replicaId\":\"r\",\"kind\":\"hashcash\","
                        + "\"input\":{\"to\": 5, \"from\": 1},\"leaseMillis\":1000}");
    }

    @Test
    void aWorkerReadsAStoredInputAsTheSameMessageWithItsInputParsed() {
        SubtaskMessage sent =
                SubtaskMessage.withInputJson("job-1", 3, "replica-3", "primes", "{\"from\": 10, \"to\": 20}", 30_000);

        SubtaskMessage received = Json.read(Json.write(sent), SubtaskMessage.class);

        Map<String, Object> input = new LinkedHashMap<>();
        input.put("from", 10);
        input.put("to", 20);
        assertThat(received).isEqualTo(new SubtaskMessage("job-1", 3, "replica-3", "primes", input, 30_000));
        assertThat(sent.input()).isEqualTo(input);
        assertThat(received).isEqualTo(sent);
    }

    @Test
    void aParsedInputIsWrittenAsJsonOfItsMap() {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("from", 0);
        input.put("to", 100);
        SubtaskMessage message = new SubtaskMessage("j", 0, "r", "primes", input, 5);

        assertThat(Json.write(message))
                .isEqualTo(
                        "{\"jobId\":\"j\",\"index\":0,\"replicaId\":\"r\",\"kind\":\"primes\",\"input\":{\"from\":0,\"to\":100},"
                                + "\"leaseMillis\":5}");
    }
}
