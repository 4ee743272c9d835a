package dev.dcp.gateway;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param adminKey       the admin's API key (DCP_ADMIN_KEY)
 * @param internalSecret the secret the forwarded credential is MACed with; every service knows it
 * @param ledgerUrl      where ledger-service listens
 * @param contractUrl    where contract-service listens
 * @param schedulerUrl   where scheduler-service listens
 * @param keyCacheTtl    how long a resolved tenant key is trusted before it is looked up again
 */
@ConfigurationProperties("dcp.gateway")
public record GatewayProperties(
        String adminKey,
        String internalSecret,
        @DefaultValue("http://localhost:8081") String ledgerUrl,
        @DefaultValue("http://localhost:8082") String contractUrl,
        @DefaultValue("http://localhost:8083") String schedulerUrl,
        @DefaultValue("30s") Duration keyCacheTtl) {

    public GatewayProperties {
        if (adminKey == null || adminKey.length() < 16) {
            throw new IllegalArgumentException(
                    "dcp.gateway.admin-key (DCP_ADMIN_KEY) must be set, 16 characters or more");
        }
    }
}
