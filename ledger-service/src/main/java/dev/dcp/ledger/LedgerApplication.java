package dev.dcp.ledger;

import dev.dcp.common.kafka.TopicDeclarations;
import dev.dcp.common.web.PlatformWebConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;

@SpringBootApplication
@ConfigurationPropertiesScan
@Import({PlatformWebConfiguration.class, TopicDeclarations.class})
public class LedgerApplication {

    /** Each service reads ledger.yml, not application.yml, so the devnet can hold every service on one classpath. */
    public static final String CONFIG_NAME = "ledger";

    public static void main(String[] args) {
        new SpringApplicationBuilder(LedgerApplication.class)
                .properties("spring.config.name=" + CONFIG_NAME)
                .run(args);
    }
}
