package dev.dcp.common.kafka;

import dev.dcp.common.event.Topics;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Every platform topic with its partition count ({@link Topics#partitions()}), created at start-up by whichever
 * service comes first. A broker's own auto-creation would give {@code dcp.subtasks} one partition, and a single
 * worker would then take all the work; where an operator manages topics (Strimzi) they exist already and this
 * changes nothing.
 */
@Configuration(proxyBeanMethods = false)
public class TopicDeclarations {

    @Bean
    KafkaAdmin.NewTopics platformTopics(@Value("${dcp.kafka.topic-replicas:1}") short replicas) {
        return new KafkaAdmin.NewTopics(Topics.partitions().entrySet().stream()
                .map(topic -> new NewTopic(topic.getKey(), topic.getValue(), replicas)
                        .configs(Topics.configs().getOrDefault(topic.getKey(), java.util.Map.of())))
                .toArray(NewTopic[]::new));
    }
}
