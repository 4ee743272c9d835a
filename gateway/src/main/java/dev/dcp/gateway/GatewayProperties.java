package dev.dcp.gateway;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * @param adminKey        the admin's API key (DCP_ADMIN_KEY)
 * @param internalSecret  the secret the forwarded credential is MACed with; every service knows it
 * @param ledgerUrl       where ledger-service listens
 * @param contractUrl     where contract-service listens
 * @param schedulerUrl    where scheduler-service listens
 * @param keyCacheTtl     how long a resolved tenant key is trusted before it is looked up again
 * @param maxBodyBytes    the largest request body forwarded; the largest legitimate one is a job with a wasm
 *                        module of 700,000 base64 characters, so 1 MiB by default
 * @param upstreamTimeout how long a service may take to answer before the gateway answers 504
 * @param rateLimit       requests per API key (per client address without one) this gateway admits
 */
@ConfigurationProperties("dcp.gateway")
public record GatewayProperties(
        String adminKey,
        String internalSecret,
        @DefaultValue("http://localhost:8081") String ledgerUrl,
        @DefaultValue("http://localhost:8082") String contractUrl,
        @DefaultValue("http://localhost:8083") String schedulerUrl,
        @DefaultValue("30s") Duration keyCacheTtl,
        @DefaultValue("1MB") DataSize maxBodyBytes,
        @DefaultValue("30s") Duration upstreamTimeout,
        @DefaultValue RateLimit rateLimit) {

    /**
     * A token bucket per key, in this gateway's memory: several gateway replicas each admit this much.
     *
     * @param enabled         whether requests are limited at all
     * @param capacity        the burst: requests admitted at once from a full bucket
     * @param refillPerSecond requests admitted per second, sustained
     */
    public record RateLimit(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("200") long capacity,
            @DefaultValue("100") long refillPerSecond) {

        public RateLimit {
            if (capacity < 1 || refillPerSecond < 1) {
                throw new IllegalArgumentException(
                        "dcp.gateway.rate-limit.capacity and refill-per-second must be at least 1");
            }
        }
    }

    public GatewayProperties {
        if (adminKey == null || adminKey.length() < 16) {
            throw new IllegalArgumentException(
                    "dcp.gateway.admin-key (DCP_ADMIN_KEY) must be set, 16 characters or more");
        }
        if (maxBodyBytes.toBytes() < 1 || maxBodyBytes.toBytes() > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("dcp.gateway.max-body-bytes must be between 1 byte and 2 GB");
        }
    }
}
