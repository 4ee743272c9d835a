package dev.dcp.common.kafka;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What a service with Kafka listeners imports so that they log under the request ids their records carry:
 * Spring Boot gives the one interceptor to its listener container factory, for record and batch listeners alike.
 */
@Configuration(proxyBeanMethods = false)
public class KafkaRequestIds {

    @Bean
    RequestIdInterceptor requestIdInterceptor() {
        return new RequestIdInterceptor();
    }
}
