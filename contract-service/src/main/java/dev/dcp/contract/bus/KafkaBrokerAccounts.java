package dev.dcp.contract.bus;

import dev.dcp.common.kafka.BusConnection;
import dev.dcp.common.kafka.BusLogins;
import dev.dcp.common.kafka.BusRole;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialDeletion;
import org.apache.kafka.common.acl.AccessControlEntryFilter;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.ResourceNotFoundException;
import org.apache.kafka.common.resource.ResourcePatternFilter;

/** {@link BrokerAccounts} through Kafka's Admin API, as the credential issuer's principal. */
class KafkaBrokerAccounts implements BrokerAccounts, AutoCloseable {

    private final Admin admin;

    KafkaBrokerAccounts(BusConnection issuer) {
        this.admin = Admin.create(issuer.connectProperties());
    }

    @Override
    public void upsert(String username, String password) {
        BusLogins.provision(admin, List.of(new BusLogins.Login(username, password, BusRole.PROVIDER)));
    }

    @Override
    public void remove(String username) {
        await(admin.deleteAcls(List.of(new AclBindingFilter(
                        ResourcePatternFilter.ANY,
                        new AccessControlEntryFilter(
                                BusRole.principal(username), null, AclOperation.ANY, AclPermissionType.ANY))))
                .all());
        try {
            await(admin.alterUserScramCredentials(
                            List.of(new UserScramCredentialDeletion(username, ScramMechanism.SCRAM_SHA_512)))
                    .all());
        } catch (BrokerUnavailable e) {
            if (!(e.getCause() instanceof ResourceNotFoundException)) {
                throw e;
            }
        }
    }

    @Override
    public Set<String> providerLogins() {
        return await(admin.describeUserScramCredentials().users()).stream()
                .filter(u -> u.startsWith(BrokerCredentials.USERNAME_PREFIX))
                .collect(Collectors.toSet());
    }

    private static <T> T await(org.apache.kafka.common.KafkaFuture<T> future) {
        try {
            return future.get(15, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerUnavailable(e);
        } catch (ExecutionException e) {
            throw new BrokerUnavailable(e.getCause());
        } catch (TimeoutException e) {
            throw new BrokerUnavailable(e);
        }
    }

    @Override
    public void close() {
        admin.close();
    }

    /** The broker did not do what was asked (unreachable, or refused). */
    static final class BrokerUnavailable extends RuntimeException {
        BrokerUnavailable(Throwable cause) {
            super(cause.toString(), cause);
        }
    }
}
