package dev.dcp.contract.provider;

import dev.dcp.contract.account.ProviderReputation;
import dev.dcp.contract.provider.domain.Reputation;
import org.springframework.stereotype.Component;

/** A provider's reputation from its workers' runs of valid answers, for the provider's account. */
@Component
class WorkerReputations implements ProviderReputation {

    private final WorkerRepository workers;

    WorkerReputations(WorkerRepository workers) {
        this.workers = workers;
    }

    @Override
    public double of(String providerId) {
        return Reputation.meanScore(workers.consecutiveValidByProviderId(providerId).stream()
                .map(Reputation::new)
                .toList());
    }
}
