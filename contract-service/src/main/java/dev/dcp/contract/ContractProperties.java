package dev.dcp.contract;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The money rules, configurable per deployment.
 *
 * @param minStake      micro-credits of stake a provider must hold for its workers to receive work
 * @param slashFraction share of its stake a provider loses per outvoted answer of one of its workers
 * @param trustedAfter  consecutive accepted answers after which a worker is trusted for adaptive replication
 * @param quota         per-tenant admission limits, unless the admin set the tenant's own
 * @param ledgerUrl     where the audit reads the ledger's replay of balances
 */
@ConfigurationProperties("dcp.contract")
public record ContractProperties(
        @DefaultValue("1000000") long minStake,
        @DefaultValue("0.1") double slashFraction,
        @DefaultValue("10") long trustedAfter,
        @DefaultValue Quota quota,
        @DefaultValue("http://localhost:8081") String ledgerUrl) {

    /**
     * @param concurrentJobs    jobs a tenant may have admitted and not yet settled
     * @param subtasksPerMinute subtasks a tenant may submit per minute (a token bucket refilled continuously)
     * @param storage           bytes of objects a tenant may keep, counted as uploaded (before coding)
     */
    public record Quota(
            @DefaultValue("256") int concurrentJobs,
            @DefaultValue("600000") int subtasksPerMinute,
            @DefaultValue("10GB") DataSize storage) {}
}
