package dev.dcp.common.kafka;

import dev.dcp.common.web.RequestId;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.header.Header;
import org.slf4j.MDC;
import org.springframework.kafka.listener.BatchInterceptor;
import org.springframework.kafka.listener.RecordInterceptor;

/**
 * Restores the {@link RequestId} a record carries as a header into the MDC while a listener handles it, so that
 * what a request set off in another service is logged under the same id. A batch names every id it carries
 * (comma-separated, the first {@value #MAX_NAMED}), so grepping for one id still finds the batch that handled it;
 * such a list is no single id, and the outbox does not pass it on.
 */
public class RequestIdInterceptor implements RecordInterceptor<Object, Object>, BatchInterceptor<Object, Object> {

    static final int MAX_NAMED = 20;

    @Override
    public ConsumerRecord<Object, Object> intercept(
            ConsumerRecord<Object, Object> record, Consumer<Object, Object> consumer) {
        String id = named(idsOf(record));
        if (id != null) {
            MDC.put(RequestId.MDC_KEY, id);
        }
        return record;
    }

    @Override
    public void afterRecord(ConsumerRecord<Object, Object> record, Consumer<Object, Object> consumer) {
        MDC.remove(RequestId.MDC_KEY);
    }

    @Override
    public ConsumerRecords<Object, Object> intercept(
            ConsumerRecords<Object, Object> records, Consumer<Object, Object> consumer) {
        Set<String> ids = new LinkedHashSet<>();
        records.forEach(record -> ids.addAll(idsOf(record)));
        String named = named(ids);
        if (named != null) {
            MDC.put(RequestId.MDC_KEY, named);
        }
        return records;
    }

    @Override
    public void success(ConsumerRecords<Object, Object> records, Consumer<Object, Object> consumer) {
        MDC.remove(RequestId.MDC_KEY);
    }

    @Override
    public void failure(
            ConsumerRecords<Object, Object> records, Exception exception, Consumer<Object, Object> consumer) {
        MDC.remove(RequestId.MDC_KEY);
    }

    @Override
    public void clearThreadState(Consumer<?, ?> consumer) {
        MDC.remove(RequestId.MDC_KEY);
    }

    /** The sane ids a record carries: one as a rule, several on a worker's batch of answers. */
    public static Set<String> idsOf(ConsumerRecord<?, ?> record) {
        Set<String> ids = new LinkedHashSet<>();
        for (Header header : record.headers().headers(RequestId.HEADER)) {
            String id = header.value() == null
                    ? null
                    : RequestId.saneOrNull(new String(header.value(), StandardCharsets.UTF_8));
            if (id != null) {
                ids.add(id);
            }
        }
        return ids;
    }

    /** What the MDC shows for these ids: null for none, the id for one, a bounded list for several. */
    static String named(Set<String> ids) {
        if (ids.isEmpty()) {
            return null;
        }
        String shown = String.join(",", ids.stream().limit(MAX_NAMED).toList());
        return ids.size() > MAX_NAMED ? shown + ",+" + (ids.size() - MAX_NAMED) : shown;
    }
}
