package dev.dcp.ledger;

import dev.dcp.common.kafka.TopicDeclarations;
import dev.dcp.common.web.PlatformWebConfiguration;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;

// the public document at /v3/api-docs (springdoc); the gateway collects it with the others' into its own
@OpenAPIDefinition(
        info =
                @Info(
                        title = "dcp ledger-service",
                        version = "v1",
                        description =
                                "The chain: status, blocks, transactions with Merkle proofs, verification and replayed balances."),
        security = @SecurityRequirement(name = "bearer"))
@SecurityScheme(
        name = "bearer",
        type = SecuritySchemeType.HTTP,
        scheme = "bearer",
        description = "Authorization: Bearer <api-key>, sent to the gateway (the admin key or a tenant's key)")
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
