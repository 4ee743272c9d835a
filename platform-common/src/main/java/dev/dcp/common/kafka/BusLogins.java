package dev.dcp.common.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AclBinding;

/**
 * The operator's bus logins, made by the broker's super user before the services start: one SCRAM-SHA-512
 * credential per login and the ACLs of its {@link BusRole}, idempotently (a second run sets the same password and
 * grants nothing new). docker-compose runs {@link #main} as a one-shot container (the {@code bus-init} service) with
 * any dcp image; the container suite calls {@link #provision} directly.
 *
 * <p>{@code main} reads the environment: {@code DCP_KAFKA} (bootstrap servers), the super user's
 * {@code DCP_KAFKA_USERNAME}, {@code DCP_KAFKA_PASSWORD}, {@code DCP_KAFKA_MECHANISM} (default PLAIN),
 * {@code DCP_KAFKA_TRUSTSTORE} (a PEM CA certificate: TLS), and one {@code DCP_BUS_LOGIN_<any suffix>} per login
 * with the value {@code <username> <ROLE> <password>}.
 */
public final class BusLogins {

    /** A login to make: its name, password and role. */
    public record Login(String username, String password, BusRole role) {

        /** {@code <username> <ROLE> <password>}, separated by white space. */
        public static Login parse(String spec) {
            String[] parts = spec.trim().split("\\s+", 3);
            if (parts.length != 3 || parts[2].isBlank()) {
                throw new IllegalArgumentException("a bus login is '<username> <ROLE> <password>', not: "
                        + (parts.length > 0 ? parts[0] + " …" : "''"));
            }
            return new Login(parts[0], parts[2], BusRole.valueOf(parts[1].toUpperCase(Locale.ROOT)));
        }

        @Override
        public String toString() {
            return "Login[" + username + ", " + role + "]";
        }
    }

    static final int SCRAM_ITERATIONS = 8192;

    private BusLogins() {}

    /** The logins named by {@code DCP_BUS_LOGIN_*} variables, in the order of their names. */
    public static List<Login> fromEnvironment(Map<String, String> environment) {
        List<Login> logins = new ArrayList<>();
        new TreeMap<>(environment).forEach((name, value) -> {
            if (name.startsWith("DCP_BUS_LOGIN_")) {
                logins.add(Login.parse(value));
            }
        });
        return logins;
    }

    /**
     * Sets every login's credential and grants its role's ACLs, as {@code superUser}; waits up to {@code patience}
     * for the broker to answer first.
     */
    public static void provision(BusConnection superUser, List<Login> logins, Duration patience) {
        Map<String, Object> properties = superUser.connectProperties();
        properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 20_000);
        long deadline = System.nanoTime() + patience.toNanos();
        try (Admin admin = Admin.create(properties)) {
            awaitBroker(admin, deadline);
            provision(admin, logins);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while provisioning the bus logins", e);
        }
    }

    /**
     * Sets every login's credential and grants its role's ACLs through an admin client that may do so (the super
     * user's, or the credential issuer's); what the broker refuses or does not answer in time is an
     * IllegalStateException.
     */
    public static void provision(Admin admin, List<Login> logins) {
        List<UserScramCredentialAlteration> credentials = new ArrayList<>();
        List<AclBinding> acls = new ArrayList<>();
        for (Login login : logins) {
            credentials.add(new UserScramCredentialUpsertion(
                    login.username(),
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, SCRAM_ITERATIONS),
                    login.password()));
            acls.addAll(login.role().bindingsFor(login.username()));
        }
        if (credentials.isEmpty()) {
            return;
        }
        try {
            admin.alterUserScramCredentials(credentials).all().get(30, TimeUnit.SECONDS);
            admin.createAcls(acls).all().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while provisioning the bus logins", e);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new IllegalStateException("cannot provision the bus logins: " + cause, cause);
        }
    }

    private static void awaitBroker(Admin admin, long deadline) throws InterruptedException {
        while (true) {
            try {
                admin.describeCluster().clusterId().get(20, TimeUnit.SECONDS);
                return;
            } catch (ExecutionException | TimeoutException e) {
                Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
                if (cause instanceof org.apache.kafka.common.errors.AuthenticationException
                        || System.nanoTime() > deadline) {
                    throw new IllegalStateException("the broker does not take the super user: " + cause, cause);
                }
                Thread.sleep(1000);
            }
        }
    }

    /** The one-shot provisioning container's entry point; exits non-zero when a login could not be made. */
    public static void main(String[] args) {
        Map<String, String> env = System.getenv();
        String bootstrap = env.getOrDefault("DCP_KAFKA", "localhost:9092");
        String username = env.getOrDefault("DCP_KAFKA_USERNAME", "");
        if (username.isBlank()) {
            System.err.println("bus logins: DCP_KAFKA_USERNAME (the broker's super user) is not set");
            System.exit(2);
        }
        BusConnection superUser = new BusConnection(
                bootstrap,
                BusCredentials.clientProperties(
                        username,
                        env.getOrDefault("DCP_KAFKA_PASSWORD", ""),
                        env.getOrDefault("DCP_KAFKA_MECHANISM", "PLAIN"),
                        env.getOrDefault("DCP_KAFKA_TRUSTSTORE", "")));
        try {
            List<Login> logins = fromEnvironment(env);
            provision(superUser, logins, Duration.ofMinutes(3));
            System.out.println("bus logins: " + logins + " ready on " + superUser);
        } catch (RuntimeException e) {
            System.err.println("bus logins: " + e.getMessage());
            System.exit(1);
        }
    }
}
