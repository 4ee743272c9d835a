package dev.dcp.contract;

import dev.dcp.common.outbox.OutboxConfiguration;
import dev.dcp.common.web.PlatformWebConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Import;

@SpringBootApplication
@Import({PlatformWebConfiguration.class, OutboxConfiguration.class})
public class ContractApplication {

    /** Each service reads contract.yml, not application.yml, so the devnet can hold every service on one classpath. */
    public static final String CONFIG_NAME = "contract";

    public static void main(String[] args) {
        new SpringApplicationBuilder(ContractApplication.class).properties("spring.config.name=" + CONFIG_NAME).run(args);
    }
}
