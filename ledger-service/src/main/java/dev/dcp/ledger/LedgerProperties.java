package dev.dcp.ledger;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param consensus       {@code solo}, {@code pow}, {@code pos} or {@code bft}
 * @param maxTransactions a block closes when it holds this many transactions
 * @param maxLatency      or when its oldest transaction has waited this long (a cut marker is published)
 * @param difficulty      {@code pow}: leading zero bits every block hash must have
 * @param validatorId     this replica's name in the validator set
 * @param validatorKey    this replica's Ed25519 private key in hex; generated into {@code keyFile} when empty
 * @param keyFile         where a generated validator key is kept
 * @param validators      the validator set ({@code pos}, {@code bft}); empty means this replica alone
 * @param trustedSenders  public keys allowed to submit transactions; empty admits any correctly signed sender
 * @param voteTimeout     how long a {@code bft}/{@code pos} replica waits for a quorum before it says so in the log
 * @param alterTransactions fault injection for tests of Byzantine replicas: this replica changes the first
 *                          transaction of every block it cuts. Never set it in a real deployment.
 */
@ConfigurationProperties("dcp.ledger")
public record LedgerProperties(
        @DefaultValue("solo") String consensus,
        @DefaultValue("1000") int maxTransactions,
        @DefaultValue("200ms") Duration maxLatency,
        @DefaultValue("8") int difficulty,
        @DefaultValue("validator-0") String validatorId,
        String validatorKey,
        @DefaultValue("data/ledger/validator.key") String keyFile,
        @DefaultValue List<ValidatorConfig> validators,
        @DefaultValue List<String> trustedSenders,
        @DefaultValue("10s") Duration voteTimeout,
        @DefaultValue("false") boolean alterTransactions) {

    /** One member of the validator set: its key, and for {@code pos} its stake and lock time. */
    public record ValidatorConfig(
            String id,
            String publicKey,
            @DefaultValue("1") long stake,
            @DefaultValue("1") long lockDays) {}
}
