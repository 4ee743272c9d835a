package dev.dcp.e2e;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;

/**
 * Whether this machine can run the suite: a Docker engine, and this build's service images in it. Without them
 * the suite is skipped with the reason, unless {@code DCP_E2E_REQUIRED=true} (as {@code .ci/run} sets after
 * provisioning an engine) makes a missing engine or image a failure rather than a silent skip.
 */
final class DockerEngine {

    static final List<String> SERVICES = List.of("ledger-service", "contract-service", "scheduler-service",
            "worker-service", "gateway");

    static void requireEngineAndImages() {
        String missing = whatIsMissing();
        if (missing == null) {
            return;
        }
        if (Boolean.parseBoolean(ContainerImages.setting("DCP_E2E_REQUIRED", "false"))) {
            throw new AssertionError("DCP_E2E_REQUIRED is set but " + missing);
        }
        Assumptions.abort("end-to-end suite on Docker skipped: " + missing
                + " (the in-process end-to-end tests in devnet still run)");
    }

    private static String whatIsMissing() {
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            return "no Docker engine is reachable (set DOCKER_HOST, see docs/containers.md)";
        }
        List<String> absent = new ArrayList<>();
        for (String service : SERVICES) {
            String image = ContainerImages.service(service);
            try {
                DockerClientFactory.instance().client().inspectImageCmd(image).exec();
            } catch (RuntimeException notFound) {
                absent.add(image);
            }
        }
        return absent.isEmpty() ? null : "the images " + absent + " are not in the engine (build them with "
                + "`./mvnw -Pimages install -DskipTests`, see docs/containers.md)";
    }

    private DockerEngine() {
    }
}
