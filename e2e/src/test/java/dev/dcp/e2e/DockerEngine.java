package dev.dcp.e2e;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;

/**
 * Whether this machine can run the suite: a Docker engine, and this build's service images in it. Without them
 * the suite is skipped with the reason, unless {@code DCP_E2E_REQUIRED=true} (as {@code .ci/run} sets after
 * provisioning an engine) makes a missing engine or image a failure rather than a silent skip. Used as
 * {@code @ExtendWith(DockerEngine.class)}: the tests show as skipped, with the reason, in the build's report.
 */
final class DockerEngine implements ExecutionCondition {

    static final List<String> SERVICES =
            List.of("ledger-service", "contract-service", "scheduler-service", "worker-service", "gateway");

    /** What keeps the suite from running, found once per test JVM; null when nothing does. */
    private static String obstacle;

    private static boolean checked;

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        String missing = whatIsMissing();
        if (missing == null) {
            return ConditionEvaluationResult.enabled("Docker engine and images present");
        }
        if (required()) {
            // enabled, so that the test runs and fails in its set-up rather than passing as skipped
            return ConditionEvaluationResult.enabled("DCP_E2E_REQUIRED: " + missing);
        }
        String reason = "end-to-end suite on Docker skipped: " + missing
                + " (the in-process end-to-end tests in devnet still run)";
        System.out.println("[WARNING] " + context.getDisplayName() + ": " + reason);
        return ConditionEvaluationResult.disabled(reason);
    }

    /** For the set-up of a test class: fails when the engine or the images are missing (only reached if required). */
    static void requireEngineAndImages() {
        String missing = whatIsMissing();
        if (missing != null) {
            throw new AssertionError("DCP_E2E_REQUIRED is set but " + missing);
        }
    }

    static boolean required() {
        return Boolean.parseBoolean(ContainerImages.setting("DCP_E2E_REQUIRED", "false"));
    }

    private static synchronized String whatIsMissing() {
        if (!checked) {
            obstacle = findWhatIsMissing();
            checked = true;
        }
        return obstacle;
    }

    private static String findWhatIsMissing() {
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
        return absent.isEmpty()
                ? null
                : "the images " + absent + " are not in the engine (build them with "
                        + "`./mvnw -Pimages install -DskipTests`, see docs/containers.md)";
    }

    private DockerEngine() {}
}
