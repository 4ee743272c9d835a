package dev.dcp.ledger.config;

import dev.dcp.ledger.audit.ChainVerification;
import dev.dcp.ledger.consensus.Sealer;
import dev.dcp.ledger.store.ChainStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class AuditConfiguration {

    @Bean
    ChainVerification chainVerification(ChainStore store, Sealer sealer) {
        return new ChainVerification(store, sealer);
    }
}
