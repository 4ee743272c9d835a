package dev.dcp.ledger;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param consensus       the sealing mode; this build seals {@code solo}
 * @param maxTransactions a block closes when it holds this many transactions
 * @param maxLatency      or when its oldest transaction has waited this long (a cut marker is published)
 * @param validatorKey    the validator's Ed25519 private key in hex; generated into {@code keyFile} when empty
 * @param keyFile         where a generated validator key is kept
 * @param trustedSenders  public keys allowed to submit transactions; empty admits any correctly signed sender
 */
@ConfigurationProperties("dcp.ledger")
public record LedgerProperties(@DefaultValue("solo") String consensus,
                               @DefaultValue("1000") int maxTransactions,
                               @DefaultValue("200ms") Duration maxLatency,
                               String validatorKey,
                               @DefaultValue("data/ledger/validator.key") String keyFile,
                               @DefaultValue List<String> trustedSenders) {
}
