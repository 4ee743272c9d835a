package dev.dcp.contract.bus;

import dev.dcp.common.kafka.BusConnection;
import dev.dcp.contract.ContractProperties;
import dev.dcp.contract.account.TenantRepository;
import java.time.Clock;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Broker credentials for providers, issued under the credential issuer's principal when one is configured. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class BusConfiguration {

    /** Only where the bus authenticates: there an issuer's login is configured. */
    @Bean
    @ConditionalOnExpression("'${dcp.contract.bus.issuer-username:}' != ''")
    KafkaBrokerAccounts kafkaBrokerAccounts(BusProperties properties, Environment environment) {
        BusConnection issuer = BusConnection.from(environment)
                .as(properties.issuerUsername(), properties.issuerPassword(), properties.issuerMechanism());
        return new KafkaBrokerAccounts(issuer);
    }

    @Bean
    BrokerCredentials brokerCredentials(
            BrokerCredentialRepository credentials,
            TenantRepository tenants,
            ObjectProvider<BrokerAccounts> broker,
            ContractProperties contract,
            BusProperties properties,
            Environment environment,
            PlatformTransactionManager transactionManager,
            Clock clock) {
        BusConnection own = BusConnection.from(environment);
        String bootstrap =
                properties.bootstrapServers().isBlank() ? own.bootstrapServers() : properties.bootstrapServers();
        String protocol = own.clientProperties().getOrDefault("security.protocol", "PLAINTEXT");
        return new BrokerCredentials(
                credentials,
                tenants,
                Optional.ofNullable(broker.getIfAvailable()),
                contract,
                bootstrap,
                protocol,
                new TransactionTemplate(transactionManager),
                clock);
    }

    @Bean
    Reconciler brokerCredentialReconciler(BrokerCredentials credentials) {
        return new Reconciler(credentials);
    }

    /** Runs the reconciliation on a schedule; a failed round is tried again at the next. */
    static final class Reconciler {

        private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Reconciler.class);

        private final BrokerCredentials credentials;

        Reconciler(BrokerCredentials credentials) {
            this.credentials = credentials;
        }

        @Scheduled(
                initialDelayString = "${dcp.contract.bus.reconcile-interval:5s}",
                fixedDelayString = "${dcp.contract.bus.reconcile-interval:5s}")
        void reconcile() {
            try {
                credentials.reconcile();
            } catch (RuntimeException e) {
                log.warn("broker credential reconciliation failed: {}", e.getMessage());
            }
        }
    }
}
