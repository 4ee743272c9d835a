package dev.dcp.gateway;

import java.time.Clock;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

@SpringBootApplication
@ConfigurationPropertiesScan
public class GatewayApplication {

    /** Each service reads gateway.yml, not application.yml, so the devnet can hold every service on one classpath. */
    public static final String CONFIG_NAME = "gateway";

    /** Wall time for credential expiry and the key cache; tests may put a fixed clock in its place. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    public static void main(String[] args) {
        new SpringApplicationBuilder(GatewayApplication.class)
                .properties("spring.config.name=" + CONFIG_NAME)
                .run(args);
    }
}
