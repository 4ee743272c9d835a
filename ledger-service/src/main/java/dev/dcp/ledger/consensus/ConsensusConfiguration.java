package dev.dcp.ledger.consensus;

import dev.dcp.common.crypto.Ed25519;
import dev.dcp.ledger.LedgerProperties;
import dev.dcp.ledger.consensus.solo.SoloSealer;
import java.nio.file.Path;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ConsensusConfiguration {

    @Bean
    Ed25519.KeyPair validatorKey(LedgerProperties properties) {
        if (properties.validatorKey() != null && !properties.validatorKey().isBlank()) {
            return Ed25519.fromPrivateKeyHex(properties.validatorKey());
        }
        return Ed25519.loadOrCreate(Path.of(properties.keyFile()));
    }

    @Bean
    Sealer sealer(LedgerProperties properties, Ed25519.KeyPair validatorKey) {
        return switch (properties.consensus()) {
            case "solo" -> new SoloSealer(validatorKey, "validator-0");
            default -> throw new IllegalStateException("dcp.ledger.consensus=" + properties.consensus()
                    + " is not available in this build; use solo");
        };
    }
}
