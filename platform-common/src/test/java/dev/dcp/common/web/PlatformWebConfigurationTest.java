package dev.dcp.common.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dcp.common.auth.Caller;
import dev.dcp.common.auth.ServiceCredential;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.core.env.MapPropertySource;

class PlatformWebConfigurationTest {

    private static final String SECRET = "platform-web-configuration-test-secret";
    private static final Caller TENANT = new Caller("t1", Caller.Role.CONSUMER);

    @Test
    void credentialsAreIssuedByTheServicesClockBean() {
        Clock longAgo = Clock.fixed(Instant.parse("2001-01-01T00:00:00Z"), ZoneOffset.UTC);
        String token;
        try (AnnotationConfigApplicationContext context = context(longAgo)) {
            token = context.getBean(ServiceCredential.class).issue(TENANT, Duration.ofMinutes(5));
        }

        assertThat(new ServiceCredential(SECRET, longAgo).verify(token)).hasValue(TENANT);
        assertThat(new ServiceCredential(SECRET, Clock.systemUTC()).verify(token))
                .isEmpty();
    }

    @Test
    void aServiceWithoutAClockBeanIssuesCredentialsByTheSystemClock() {
        String token;
        try (AnnotationConfigApplicationContext context = context(null)) {
            token = context.getBean(ServiceCredential.class).issue(TENANT, Duration.ofMinutes(5));
        }

        assertThat(new ServiceCredential(SECRET, Clock.systemUTC()).verify(token))
                .hasValue(TENANT);
    }

    private static AnnotationConfigApplicationContext context(Clock clock) {
        AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
        context.getEnvironment()
                .getPropertySources()
                .addFirst(new MapPropertySource("test", Map.of("dcp.internal.secret", SECRET)));
        if (clock != null) {
            context.registerBean(Clock.class, () -> clock);
        }
        context.register(PlatformWebConfiguration.class);
        context.refresh();
        return context;
    }
}
