package dev.dcp.ledger.config;

import dev.dcp.common.crypto.Ed25519;
import dev.dcp.ledger.LedgerProperties;
import dev.dcp.ledger.consensus.Sealer;
import dev.dcp.ledger.consensus.Validator;
import dev.dcp.ledger.consensus.ValidatorSet;
import dev.dcp.ledger.consensus.VoteBook;
import dev.dcp.ledger.consensus.bft.BftSealer;
import dev.dcp.ledger.consensus.pos.PosSealer;
import dev.dcp.ledger.consensus.pow.PowSealer;
import dev.dcp.ledger.consensus.solo.SoloSealer;
import java.nio.file.Path;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The consensus mode's beans: this replica's key, the validator set, its sealer, and the votes it has seen. */
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
    ValidatorSet validatorSet(LedgerProperties properties, Ed25519.KeyPair validatorKey) {
        if (properties.validators().isEmpty()) {
            return new ValidatorSet(List.of(new Validator(properties.validatorId(), validatorKey.publicKeyHex(), 1)));
        }
        boolean pos = "pos".equals(properties.consensus());
        ValidatorSet set = new ValidatorSet(properties.validators().stream()
                .map(v -> new Validator(v.id(), v.publicKey(), pos ? Math.multiplyExact(v.stake(), v.lockDays()) : 1))
                .toList());
        if (set.byPublicKey(validatorKey.publicKeyHex()).isEmpty()) {
            throw new IllegalStateException(
                    "this replica's key " + validatorKey.publicKeyHex() + " is not in dcp.ledger.validators");
        }
        return set;
    }

    @Bean
    Sealer sealer(LedgerProperties properties, ValidatorSet validators, Ed25519.KeyPair validatorKey) {
        Validator self = validators.byPublicKey(validatorKey.publicKeyHex()).orElseThrow();
        return switch (properties.consensus()) {
            case "solo" -> new SoloSealer(self);
            case "pow" -> new PowSealer(self, properties.difficulty());
            case "pos" -> new PosSealer(validators);
            case "bft" -> new BftSealer(validators);
            default ->
                throw new IllegalStateException(
                        "dcp.ledger.consensus must be solo, pow, pos or bft, not " + properties.consensus());
        };
    }

    @Bean
    VoteBook voteBook(ValidatorSet validators) {
        return new VoteBook(validators);
    }
}
