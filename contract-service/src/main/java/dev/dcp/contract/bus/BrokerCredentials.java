package dev.dcp.contract.bus;

import dev.dcp.common.web.ProblemException;
import dev.dcp.contract.ContractProperties;
import dev.dcp.contract.account.Tenant;
import dev.dcp.contract.account.TenantRepository;
import dev.dcp.contract.bus.domain.CredentialReconciliation;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Issues and revokes the credentials a provider's workers log in to the bus with. The database says which
 * credentials should hold and is written first; the broker follows, and {@link #reconcile} repairs whatever a
 * failed broker call left behind, and revokes the credentials of providers whose stake fell below the minimum.
 */
public class BrokerCredentials {

    static final String USERNAME_PREFIX = "provider-";
    static final String MECHANISM = "SCRAM-SHA-512";

    private static final Logger log = LoggerFactory.getLogger(BrokerCredentials.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What a provider is shown once: its workers' login. */
    public record Issued(
            String username,
            String password,
            String mechanism,
            String securityProtocol,
            String bootstrapServers,
            java.time.Instant issuedAt) {

        @Override
        public String toString() {
            return "Issued[" + username + "]";
        }
    }

    private final BrokerCredentialRepository credentials;
    private final TenantRepository tenants;
    private final Optional<BrokerAccounts> broker;
    private final ContractProperties contract;
    private final String bootstrapServers;
    private final String securityProtocol;
    private final TransactionTemplate transactions;
    private final Clock clock;

    BrokerCredentials(
            BrokerCredentialRepository credentials,
            TenantRepository tenants,
            Optional<BrokerAccounts> broker,
            ContractProperties contract,
            String bootstrapServers,
            String securityProtocol,
            TransactionTemplate transactions,
            Clock clock) {
        this.credentials = credentials;
        this.tenants = tenants;
        this.broker = broker;
        this.contract = contract;
        this.bootstrapServers = bootstrapServers;
        this.securityProtocol = securityProtocol;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** A new credential for the provider's workers; one issued before stops working. */
    public Issued issue(String providerId) {
        BrokerAccounts accounts = broker.orElseThrow(() -> new ProblemException(
                HttpStatus.CONFLICT,
                "Conflict",
                "This deployment's bus takes no credentials: workers connect without them."));
        Tenant provider = tenants.findById(providerId).orElseThrow(() -> ProblemException.notFound("provider"));
        if (provider.getStake() < contract.minStake()) {
            throw new ProblemException(
                    HttpStatus.CONFLICT,
                    "Conflict",
                    "Broker credentials need a stake of at least " + contract.minStake() + " micro-credits; this"
                            + " provider holds " + provider.getStake() + ".");
        }
        String username = USERNAME_PREFIX + providerId;
        BrokerCredential credential = transactions.execute(status -> {
            BrokerCredential c = credentials
                    .findById(providerId)
                    .orElseGet(() -> new BrokerCredential(providerId, username, clock.instant()));
            c.reissue(clock.instant());
            return credentials.save(c);
        });
        String password = HexFormat.of().formatHex(randomBytes(32));
        try {
            accounts.upsert(username, password);
        } catch (RuntimeException e) {
            log.warn("the broker did not take the credential of {}: {}", username, e.getMessage());
            throw new ProblemException(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "Service Unavailable",
                    "The bus did not take the new credential; try again shortly.");
        }
        log.info("issued broker credentials {} to provider {}", username, providerId);
        return new Issued(username, password, MECHANISM, securityProtocol, bootstrapServers, credential.issuedAt());
    }

    /** Revokes the provider's credential (nothing issued is fine): its workers are refused from now on. */
    public void revoke(String providerId, String reason) {
        Optional<String> username = transactions.execute(status -> credentials
                .findById(providerId)
                .filter(BrokerCredential::active)
                .map(c -> {
                    c.revoke(clock.instant(), reason);
                    credentials.save(c);
                    return c.username();
                }));
        if (username.isEmpty() || broker.isEmpty()) {
            return;
        }
        log.info("revoked broker credentials {}: {}", username.get(), reason);
        try {
            broker.get().remove(username.get());
        } catch (RuntimeException e) {
            // recorded as revoked: the next reconciliation removes it from the broker
            log.warn("the broker did not remove {} yet: {}", username.get(), e.getMessage());
        }
    }

    /** Revokes below-minimum providers' credentials and removes logins that should not exist. */
    public void reconcile() {
        if (broker.isEmpty()) {
            return;
        }
        List<CredentialReconciliation.Active> active = credentials.findByStatus(BrokerCredential.ACTIVE).stream()
                .map(c -> new CredentialReconciliation.Active(
                        c.providerId(),
                        c.username(),
                        tenants.findById(c.providerId()).map(Tenant::getStake).orElse(0L)))
                .toList();
        Set<String> logins = broker.get().providerLogins();
        CredentialReconciliation.Plan plan = CredentialReconciliation.plan(active, contract.minStake(), logins);
        for (CredentialReconciliation.Revocation r : plan.revocations()) {
            transactions.executeWithoutResult(status -> credentials
                    .findById(r.providerId())
                    .ifPresent(c -> {
                        c.revoke(clock.instant(), r.reason());
                        credentials.save(c);
                    }));
            log.info("revoked broker credentials {}: {}", r.username(), r.reason());
        }
        for (String login : plan.removals()) {
            if (logins.contains(login)) {
                broker.get().remove(login);
            }
        }
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
