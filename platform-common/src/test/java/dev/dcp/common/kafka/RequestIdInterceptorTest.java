package dev.dcp.common.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import dev.dcp.common.web.RequestId;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class RequestIdInterceptorTest {

    private final RequestIdInterceptor interceptor = new RequestIdInterceptor();

    @SuppressWarnings("unchecked")
    private final Consumer<Object, Object> consumer = mock(Consumer.class);

    @AfterEach
    void clearMdc() {
        MDC.clear();
    }

    @Test
    void aRecordIsHandledUnderTheRequestIdItCarriesAndTheIdIsGoneAfter() {
        ConsumerRecord<Object, Object> record = record("req-5");

        interceptor.intercept(record, consumer);
        assertThat(MDC.get(RequestId.MDC_KEY)).isEqualTo("req-5");

        interceptor.afterRecord(record, consumer);
        assertThat(MDC.get(RequestId.MDC_KEY)).isNull();
    }

    @Test
    void aBatchIsHandledUnderEveryIdItCarries() {
        TopicPartition partition = new TopicPartition("t", 0);
        ConsumerRecords<Object, Object> batch = new ConsumerRecords<>(
                Map.of(partition, List.of(record("req-1"), record("req-2"), record("req-1"), record(null))), Map.of());

        interceptor.intercept(batch, consumer);
        assertThat(MDC.get(RequestId.MDC_KEY)).isEqualTo("req-1,req-2");

        interceptor.success(batch, consumer);
        assertThat(MDC.get(RequestId.MDC_KEY)).isNull();
    }

    @Test
    void anInsaneHeaderIsIgnored() {
        interceptor.intercept(record("two words"), consumer);

        assertThat(MDC.get(RequestId.MDC_KEY)).isNull();
    }

    private static ConsumerRecord<Object, Object> record(String requestId) {
        ConsumerRecord<Object, Object> record = new ConsumerRecord<>("t", 0, 0, "k", "v");
        if (requestId != null) {
            record.headers().add(RequestId.HEADER, requestId.getBytes(StandardCharsets.UTF_8));
        }
        return record;
    }
}
