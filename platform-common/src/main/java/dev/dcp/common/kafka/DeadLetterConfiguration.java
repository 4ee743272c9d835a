package dev.dcp.common.kafka;

import dev.dcp.common.event.Topics;
import org.apache.kafka.common.TopicPartition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;

/**
 * What a listener does with a record it cannot process: retry with backoff (a database restart should not
 * lose anything), then park the record on {@code <topic>.dlt} and move on instead of looping on it.
 */
@Configuration(proxyBeanMethods = false)
public class DeadLetterConfiguration {

    @Bean
    CommonErrorHandler kafkaErrorHandler(KafkaOperations<?, ?> kafka) {
        ExponentialBackOffWithMaxRetries backOff = new ExponentialBackOffWithMaxRetries(8);
        backOff.setInitialInterval(200);
        backOff.setMultiplier(2);
        backOff.setMaxInterval(10_000);
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(
                kafka, (record, e) -> new TopicPartition(Topics.deadLetter(record.topic()), -1));
        return new DefaultErrorHandler(recoverer, backOff);
    }
}
