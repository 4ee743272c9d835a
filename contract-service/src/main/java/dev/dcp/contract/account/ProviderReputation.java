package dev.dcp.contract.account;

/**
 * A provider's reputation as its account shows it. Workers and their records belong to the provider feature,
 * which sits above accounts; it implements this, so that accounts need not know about workers.
 */
public interface ProviderReputation {

    /** The mean of the provider's workers' scores, 0 while it has none. */
    double of(String providerId);
}
