package dev.dcp.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dcp.deploy.StrictManifests.InvalidManifestException;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The strict parser is what makes the overlay tests able to fail: show that it does. */
class StrictManifestsTest {

    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: gateway
            spec:
              selector:
                matchLabels: {app.kubernetes.io/name: gateway}
              template:
                metadata:
                  labels: {app.kubernetes.io/name: gateway}
                spec:
                  containers:
                    - name: gateway
                      image: dcp/gateway
                      ports: [{name: http, containerPort: 8080}]
                      %s:
                        httpGet: {path: /actuator/health/readiness, port: http}
            """;

    @Test
    void aWellFormedDeploymentParsesIntoItsTypedClass() {
        List<HasMetadata> parsed = StrictManifests.parse(DEPLOYMENT.formatted("readinessProbe"));
        assertThat(parsed).singleElement().isInstanceOf(Deployment.class);
        Deployment d = (Deployment) parsed.get(0);
        assertThat(d.getSpec()
                        .getTemplate()
                        .getSpec()
                        .getContainers()
                        .get(0)
                        .getReadinessProbe()
                        .getHttpGet()
                        .getPath())
                .isEqualTo("/actuator/health/readiness");
    }

    @Test
    void aMisspelledFieldDeepInAPodTemplateIsRejectedWithItsPath() {
        assertThatThrownBy(() -> StrictManifests.parse(DEPLOYMENT.formatted("readinesProbe")))
                .isInstanceOf(InvalidManifestException.class)
                .hasMessageContaining("readinesProbe")
                .hasMessageContaining("spec.template.spec.containers[0]");
    }

    @Test
    void aValueOfTheWrongTypeIsRejected() {
        String yaml = """
                apiVersion: v1
                kind: Service
                metadata: {name: gateway}
                spec:
                  selector: {app.kubernetes.io/name: gateway}
                  ports:
                    - name: http
                      port: [8080]
                """;
        assertThatThrownBy(() -> StrictManifests.parse(yaml)).isInstanceOf(InvalidManifestException.class);
    }

    @Test
    void aMisspelledBuiltInKindIsRejectedRatherThanReadAsACustomResource() {
        String yaml = """
                apiVersion: apps/v1
                kind: Deploymnet
                metadata: {name: gateway}
                spec: {}
                """;
        assertThatThrownBy(() -> StrictManifests.parse(yaml))
                .isInstanceOf(InvalidManifestException.class)
                .hasMessageContaining("unknown kind");
    }

    @Test
    void theOperatorsCustomResourcesAreReadGenericallyWithTheirBodies() {
        String yaml = """
                apiVersion: keda.sh/v1alpha1
                kind: ScaledObject
                metadata: {name: worker}
                spec:
                  scaleTargetRef: {name: worker}
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: dcp-common}
                data: {DCP_KAFKA: "dcp-kafka-kafka-bootstrap:9092"}
                """;
        List<HasMetadata> parsed = StrictManifests.parse(yaml);
        assertThat(parsed).hasSize(2);
        assertThat(parsed.get(0)).isInstanceOf(GenericKubernetesResource.class);
        assertThat((Object) ((GenericKubernetesResource) parsed.get(0)).get("spec", "scaleTargetRef", "name"))
                .isEqualTo("worker");
    }

    @Test
    void everyProblemInAStreamIsReportedNotJustTheFirst() {
        String yaml = DEPLOYMENT.formatted("livenesProbe") + "---\n" + """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: x, lables: {a: b}}
                """;
        assertThatThrownBy(() -> StrictManifests.parse(yaml))
                .isInstanceOfSatisfying(
                        InvalidManifestException.class,
                        e -> assertThat(e.problems()).hasSize(2));
    }
}
