package dev.dcp.scheduler.verify;

import dev.dcp.common.event.ResultMessage;
import dev.dcp.common.event.Topics;
import dev.dcp.common.json.Json;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Takes worker results off {@code dcp.results}; unsigned, forged or unreadable ones are dropped and counted. */
@Component
class ResultListener {

    private static final Logger log = LoggerFactory.getLogger(ResultListener.class);

    private final ResultProcessor processor;
    private final MeterRegistry meters;

    ResultListener(ResultProcessor processor, MeterRegistry meters) {
        this.processor = processor;
        this.meters = meters;
    }

    @KafkaListener(topics = Topics.RESULTS, groupId = "scheduler", concurrency = "${dcp.scheduler.result-consumers:2}")
    void onResult(String payload) {
        ResultMessage result;
        try {
            result = Json.read(payload, ResultMessage.class);
        } catch (RuntimeException e) {
            meters.counter("dcp.scheduler.results.dropped", "reason", "malformed").increment();
            log.warn("dropped a malformed result: {}", e.getMessage());
            return;
        }
        if (!result.isAuthentic()) {
            meters.counter("dcp.scheduler.results.dropped", "reason", "bad-signature").increment();
            log.warn("dropped result for job {} replica {}: signature or output hash does not verify",
                    result.jobId(), result.replicaId());
            return;
        }
        processor.record(result);
    }
}
