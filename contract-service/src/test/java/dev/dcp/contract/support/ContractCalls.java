package dev.dcp.contract.support;

import dev.dcp.common.auth.Caller;
import dev.dcp.common.auth.ServiceCredential;
import dev.dcp.common.event.Topics;
import dev.dcp.common.json.Json;
import dev.dcp.common.kafka.KafkaClients;
import dev.dcp.common.ledger.Transaction;
import dev.dcp.testkit.ServiceTestSupport;
import dev.dcp.testkit.SharedInfrastructure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/**
 * contract-service's tests call it as the gateway and the scheduler do (with the service credential of a
 * caller), and read what it published for the ledger off the transaction topic.
 */
public final class ContractCalls {

    public record Reply(int status, Map<String, Object> body, String contentType, String retryAfter) {
    }

    private final RestClient http;

    public ContractCalls(int port) {
        this.http = RestClient.create("http://localhost:" + port);
    }

    /** {@code body} is sent as JSON, or as it is when it is a string (for malformed bodies). */
    public Reply call(String method, String path, Caller caller, Object body) {
        var spec = http.method(HttpMethod.valueOf(method)).uri(path)
                .header(ServiceCredential.HEADER, ServiceTestSupport.credential(caller));
        if (body != null) {
            spec = spec.contentType(MediaType.APPLICATION_JSON).body(body instanceof String s ? s : Json.write(body));
        }
        return spec.exchange((req, res) -> {
            byte[] bytes = res.getBody().readAllBytes();
            Map<String, Object> parsed = bytes.length == 0 ? Map.of() : Json.readMap(new String(bytes));
            return new Reply(res.getStatusCode().value(), parsed, String.valueOf(res.getHeaders().getContentType()),
                    res.getHeaders().getFirst("Retry-After"));
        });
    }

    /** The transaction topic's end now: what is published after it is read with {@link #ledgerTransactionsFrom}. */
    public static long endOffset() {
        try (KafkaConsumer<String, String> c = KafkaClients.unmanagedConsumer(
                SharedInfrastructure.kafka().bootstrapServers(), "contract-test")) {
            TopicPartition tp = new TopicPartition(Topics.LEDGER_TX, 0);
            return c.endOffsets(List.of(tp)).get(tp);
        }
    }

    /** At least {@code atLeast} transactions from {@code offset} (15 s at most), and whatever follows within 1 s. */
    public static List<Transaction> ledgerTransactionsFrom(long offset, int atLeast) {
        try (KafkaConsumer<String, String> c = KafkaClients.unmanagedConsumer(
                SharedInfrastructure.kafka().bootstrapServers(), "contract-test")) {
            TopicPartition tp = new TopicPartition(Topics.LEDGER_TX, 0);
            c.assign(List.of(tp));
            c.seek(tp, offset);
            List<Transaction> out = new ArrayList<>();
            long deadline = System.currentTimeMillis() + 15_000;
            while (out.size() < atLeast && System.currentTimeMillis() < deadline) {
                c.poll(Duration.ofMillis(200)).forEach(r -> out.add(Json.read(r.value(), Transaction.class)));
            }
            // a duplicate would be among what follows
            c.poll(Duration.ofMillis(1_000)).forEach(r -> out.add(Json.read(r.value(), Transaction.class)));
            return out;
        }
    }
}
