package dev.dcp.scheduler;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param contractUrl   where contract-service answers admission requests
 * @param lease         how long a dispatched replica may stay unanswered before it is dispatched again
 * @param maxAttempts   dispatches of one subtask before it, and its job, fail
 * @param keyFile       the scheduler's Ed25519 key for the ledger transactions it signs
 */
@ConfigurationProperties("dcp.scheduler")
public record SchedulerProperties(@DefaultValue("http://localhost:8082") String contractUrl,
                                  @DefaultValue("60s") Duration lease,
                                  @DefaultValue("10") int maxAttempts,
                                  @DefaultValue("data/scheduler/signing.key") String keyFile) {
}
