package dev.dcp.scheduler;

import dev.dcp.common.kafka.DeadLetterConfiguration;
import dev.dcp.common.kafka.KafkaRequestIds;
import dev.dcp.common.kafka.TopicDeclarations;
import dev.dcp.common.outbox.OutboxConfiguration;
import dev.dcp.common.web.PlatformWebConfiguration;
import dev.dcp.scheduler.kind.JobKinds;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import java.time.Clock;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.scheduling.annotation.EnableScheduling;

// the public document at /v3/api-docs (springdoc); the gateway collects it with the others' into its own
@OpenAPIDefinition(
        info =
                @Info(
                        title = "dcp scheduler-service",
                        version = "v1",
                        description = "Jobs, their subtasks and progress events, the job kinds and the workers."),
        security = @SecurityRequirement(name = "bearer"))
@SecurityScheme(
        name = "bearer",
        type = SecuritySchemeType.HTTP,
        scheme = "bearer",
        description = "Authorization: Bearer <api-key>, sent to the gateway (the admin key or a tenant's key)")
@SpringBootApplication
@EnableScheduling
@ConfigurationPropertiesScan
@Import({
    PlatformWebConfiguration.class,
    OutboxConfiguration.class,
    DeadLetterConfiguration.class,
    KafkaRequestIds.class,
    TopicDeclarations.class
})
public class SchedulerApplication {

    /** Each service reads scheduler.yml, not application.yml, so the devnet can hold every service on one classpath. */
    public static final String CONFIG_NAME = "scheduler";

    /** The scheduler's time, in microseconds; tests may put in their own. */
    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return new MicrosecondClock(Clock.systemUTC());
    }

    /** The job kinds, plain Java: declared here so that the kind package knows nothing of Spring. */
    @Bean
    JobKinds jobKinds() {
        return new JobKinds();
    }

    public static void main(String[] args) {
        new SpringApplicationBuilder(SchedulerApplication.class)
                .properties("spring.config.name=" + CONFIG_NAME)
                .run(args);
    }
}
