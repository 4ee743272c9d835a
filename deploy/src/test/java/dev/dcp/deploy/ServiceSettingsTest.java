package dev.dcp.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every environment variable the manifests and the compose file give a service is one that service reads: a
 * misspelt or wrongly relaxed name (Spring maps {@code DCP_LEDGER_VALIDATORS_0_PUBLICKEY} to
 * {@code public-key}, but {@code _PUBLIC_KEY} to nothing) would otherwise be ignored in silence and the service
 * would start on its defaults.
 */
class ServiceSettingsTest {

    /** Read by the services' own configuration files as {@code ${NAME...}}. */
    static final Set<String> READ_BY_CONFIG_FILES = placeholdersInServiceConfig();

    /** Bound by Spring's relaxed binding rather than named in a configuration file; each says where it lands. */
    static final List<Pattern> BOUND_BY_SPRING = Stream.of(
                    "DCP_LEDGER_VALIDATORS_\\d+_(ID|PUBLICKEY|STAKE|LOCKDAYS)", // dcp.ledger.validators[i].*
                    "SPRING_FLYWAY_SCHEMAS",
                    "SPRING_FLYWAY_DEFAULTSCHEMA", // spring.flyway.*
                    "DCP_KAFKA_TOPICREPLICAS",
                    "DCP_KAFKA_TOPIC_REPLICAS", // dcp.kafka.topic-replicas (TopicDeclarations)
                    "DCP_KAFKA_(USERNAME|PASSWORD|PASSWORD_FILE|MECHANISM|TRUSTSTORE)", // dcp.kafka.* (BusCredentials)
                    "DCP_CONTRACT_BUS_(ISSUER_USERNAME|ISSUER_PASSWORD|ISSUER_MECHANISM|BOOTSTRAP_SERVERS)",
                    // dcp.contract.bus.* (contract-service's BusProperties)
                    "DCP_BUS_LOGIN_[A-Z0-9_]+", // the logins bus-init makes (BusLogins, docker-compose.yml)
                    "JAVA_TOOL_OPTIONS", // the JVM itself
                    "DCP_LEDGER_INDEX" // only expanded into the ledger's other values
                    )
            .map(Pattern::compile)
            .toList();

    static Stream<String> overlays() {
        return Overlays.names();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void everyVariableAnOverlayGivesAServiceIsOneItReads(String overlay) {
        Overlays.Rendered rendered = Overlays.render(overlay);
        Set<String> given = new TreeSet<>();
        for (Overlays.Workload workload : rendered.workloads()) {
            for (Container container : workload.containers()) {
                if (container.getEnv() != null) {
                    container.getEnv().stream().map(EnvVar::getName).forEach(given::add);
                }
                if (container.getEnvFrom() != null) {
                    for (EnvFromSource source : container.getEnvFrom()) {
                        // a ConfigMap the operator creates (prod) is not in the output: its keys are in the README
                        if (source.getConfigMapRef() != null) {
                            rendered.all(ConfigMap.class).stream()
                                    .filter(c -> c.getMetadata()
                                            .getName()
                                            .equals(source.getConfigMapRef().getName()))
                                    .forEach(c -> given.addAll(c.getData().keySet()));
                        }
                    }
                }
            }
        }

        assertThat(given).as("settings given in overlay " + overlay).isNotEmpty();
        assertThat(given.stream().filter(name -> !isRead(name)).toList())
                .as("variables no service reads, in overlay " + overlay)
                .isEmpty();
    }

    @Test
    void everyVariableTheComposeFileGivesAServiceIsOneItReads() throws IOException {
        Matcher m = Pattern.compile("(?m)^\\s+([A-Z][A-Z0-9_]+):")
                .matcher(Files.readString(DockerComposeTest.COMPOSE_FILE));
        Set<String> given = new TreeSet<>();
        while (m.find()) {
            // the images' own contracts, not the services'
            if (!m.group(1).startsWith("POSTGRES_")
                    && !m.group(1).startsWith("KAFKA_")
                    && !m.group(1).equals("CLUSTER_ID")) {
                given.add(m.group(1));
            }
        }

        assertThat(given).contains("DCP_KAFKA", "DCP_WORKER_KEY");
        assertThat(given.stream().filter(name -> !isRead(name)).toList())
                .as("variables in docker-compose.yml no service reads")
                .isEmpty();
    }

    @Test
    void aMisspeltRelaxedNameIsCaught() {
        assertThat(isRead("DCP_LEDGER_VALIDATORS_0_PUBLICKEY")).isTrue();
        assertThat(isRead("DCP_LEDGER_VALIDATORS_0_PUBLIC_KEY")).isFalse();
        assertThat(isRead("DCP_SIGNING_KEY")).isTrue();
        assertThat(isRead("DCP_SIGNINGKEY")).isFalse();
    }

    private static boolean isRead(String name) {
        return READ_BY_CONFIG_FILES.contains(name)
                || BOUND_BY_SPRING.stream().anyMatch(p -> p.matcher(name).matches());
    }

    private static Set<String> placeholdersInServiceConfig() {
        Path root = Overlays.MODULE.getParent();
        Pattern placeholder = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)");
        try (Stream<Path> files = Files.list(root)) {
            List<Path> configs = files.map(module -> module.resolve("src/main/resources"))
                    .filter(Files::isDirectory)
                    .flatMap(ServiceSettingsTest::ymlFiles)
                    .toList();
            assertThat(configs).as("service configuration files under " + root).hasSizeGreaterThanOrEqualTo(5);
            Set<String> names = new TreeSet<>();
            for (Path config : configs) {
                Matcher m = placeholder.matcher(Files.readString(config));
                while (m.find()) {
                    names.add(m.group(1));
                }
            }
            return names.stream().collect(Collectors.toUnmodifiableSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Stream<Path> ymlFiles(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".yml")).toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
