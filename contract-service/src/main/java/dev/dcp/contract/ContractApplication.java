package dev.dcp.contract;

import dev.dcp.common.kafka.DeadLetterConfiguration;
import dev.dcp.common.kafka.KafkaRequestIds;
import dev.dcp.common.kafka.TopicDeclarations;
import dev.dcp.common.outbox.OutboxConfiguration;
import dev.dcp.common.web.PlatformWebConfiguration;
import java.time.Clock;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

@SpringBootApplication
@ConfigurationPropertiesScan
@Import({
    PlatformWebConfiguration.class,
    OutboxConfiguration.class,
    DeadLetterConfiguration.class,
    KafkaRequestIds.class,
    TopicDeclarations.class
})
public class ContractApplication {

    /** Each service reads contract.yml, not application.yml, so the devnet can hold every service on one classpath. */
    public static final String CONFIG_NAME = "contract";

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    public static void main(String[] args) {
        new SpringApplicationBuilder(ContractApplication.class)
                .properties("spring.config.name=" + CONFIG_NAME)
                .run(args);
    }
}
