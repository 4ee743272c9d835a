package dev.dcp.gateway.auth;

import dev.dcp.common.auth.ServiceCredential;
import dev.dcp.gateway.GatewayProperties;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class CredentialConfiguration {

    @Bean
    ServiceCredential serviceCredential(GatewayProperties properties, Clock clock) {
        return new ServiceCredential(properties.internalSecret(), clock);
    }
}
