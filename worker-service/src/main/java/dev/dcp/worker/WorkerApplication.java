package dev.dcp.worker;

import dev.dcp.common.kafka.DeadLetterConfiguration;
import dev.dcp.common.kafka.KafkaRequestIds;
import dev.dcp.worker.kernel.Kernels;
import dev.dcp.worker.storage.RangeReader;
import java.time.Clock;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@EnableScheduling
@ConfigurationPropertiesScan
@Import({DeadLetterConfiguration.class, KafkaRequestIds.class})
public class WorkerApplication {

    /** Each service reads worker.yml, not application.yml, so the devnet can hold every service on one classpath. */
    public static final String CONFIG_NAME = "worker";

    /** Wall time for heartbeats and lease starts; tests may put a fixed clock in its place. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    Kernels kernels(RangeReader storedRanges) {
        return new Kernels(storedRanges);
    }

    public static void main(String[] args) {
        new SpringApplicationBuilder(WorkerApplication.class)
                .properties("spring.config.name=" + CONFIG_NAME)
                .run(args);
    }
}
