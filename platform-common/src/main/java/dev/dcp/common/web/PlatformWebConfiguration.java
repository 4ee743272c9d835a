package dev.dcp.common.web;

import dev.dcp.common.auth.ServiceCredential;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * What every service imports: the request id in the log context, the credential check on /api and /internal, and
 * problem responses.
 */
@Configuration(proxyBeanMethods = false)
@Import(ProblemAdvice.class)
public class PlatformWebConfiguration {

    /** Expiry is judged by the service's {@link Clock} bean, the system clock for a service that has none. */
    @Bean
    ServiceCredential serviceCredential(@Value("${dcp.internal.secret}") String secret, ObjectProvider<Clock> clock) {
        return new ServiceCredential(secret, clock.getIfAvailable(Clock::systemUTC));
    }

    /** Request bodies mean one thing: no duplicate members, no strings or fractions read as numbers (StrictJson). */
    @Bean
    JsonMapperBuilderCustomizer strictJson() {
        return StrictJson::configure;
    }

    @Bean
    RequestIdFilter requestIdFilter() {
        return new RequestIdFilter();
    }

    @Bean
    CredentialFilter credentialFilter(ServiceCredential credential) {
        return new CredentialFilter(credential);
    }
}
