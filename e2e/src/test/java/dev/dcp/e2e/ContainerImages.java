package dev.dcp.e2e;

import org.testcontainers.utility.DockerImageName;

/**
 * The images the suite runs. PostgreSQL and Kafka default to the public images Testcontainers' modules are made
 * for; {@code DCP_POSTGRES_IMAGE} and {@code DCP_KAFKA_IMAGE} (or the same as system properties) choose others that
 * honour the same contract, such as the ones {@code .ci/run} builds where no registry is reachable. The services'
 * images are this build's own, from Jib.
 */
final class ContainerImages {

    static DockerImageName postgres() {
        return substitute("DCP_POSTGRES_IMAGE", "postgres:16-alpine", "postgres");
    }

    static DockerImageName kafka() {
        return substitute("DCP_KAFKA_IMAGE", "apache/kafka:4.1.2", "apache/kafka");
    }

    /** {@code dcp/<service>:<version of this build>}, as the services' Jib configuration names them. */
    static String service(String name) {
        return "dcp/" + name + ":" + System.getProperty("dcp.version", "0.1.0-SNAPSHOT");
    }

    static String setting(String variable, String fallback) {
        String property = System.getProperty(variable);
        if (property != null && !property.isBlank()) {
            return property;
        }
        String env = System.getenv(variable);
        return env != null && !env.isBlank() ? env : fallback;
    }

    private static DockerImageName substitute(String variable, String fallback, String official) {
        return DockerImageName.parse(setting(variable, fallback)).asCompatibleSubstituteFor(official);
    }

    private ContainerImages() {}
}
