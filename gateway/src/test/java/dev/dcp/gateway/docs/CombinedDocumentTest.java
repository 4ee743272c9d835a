package dev.dcp.gateway.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CombinedDocumentTest {

    static final Map<String, Object> PROBLEM =
            Map.of("type", "object", "properties", Map.of("title", Map.of("type", "string")));
    static final Map<String, Object> BEARER = Map.of("type", "http", "scheme", "bearer");

    static Map<String, Object> ledger() {
        return Map.of(
                "openapi", "3.1.0",
                "info", Map.of("title", "dcp ledger-service", "version", "v1"),
                "servers", List.of(Map.of("url", "http://127.0.0.1:8081")),
                "security", List.of(Map.of("bearer", List.of())),
                "tags", List.of(Map.of("name", "Ledger")),
                "paths", Map.of("/api/v1/ledger/status", Map.of("get", response("#/components/schemas/Status"))),
                "components",
                        Map.of(
                                "schemas",
                                        Map.of(
                                                "Status",
                                                Map.of(
                                                        "type",
                                                        "object",
                                                        "properties",
                                                        Map.of("height", Map.of("type", "integer"))),
                                                "ProblemDetail",
                                                PROBLEM),
                                "securitySchemes", Map.of("bearer", BEARER)));
    }

    static Map<String, Object> scheduler() {
        return Map.of(
                "openapi", "3.1.0",
                "info", Map.of("title", "dcp scheduler-service", "version", "v1"),
                "security", List.of(Map.of("bearer", List.of())),
                "tags", List.of(Map.of("name", "Jobs")),
                "paths",
                        Map.of(
                                "/api/v1/jobs/{id}", Map.of("get", response("#/components/schemas/JobPage")),
                                "/api/v1/jobs/{id}/status", Map.of("get", response("#/components/schemas/Status"))),
                "components",
                        Map.of(
                                "schemas",
                                        Map.of(
                                                // the same name as the ledger's, another meaning
                                                "Status",
                                                        Map.of("type", "string", "enum", List.of("QUEUED", "RUNNING")),
                                                // refers to the clashing name, so it is the scheduler's own too
                                                "JobPage",
                                                        Map.of(
                                                                "type",
                                                                "object",
                                                                "properties",
                                                                Map.of(
                                                                        "status",
                                                                        Map.of("$ref", "#/components/schemas/Status"))),
                                                "ProblemDetail", PROBLEM),
                                "securitySchemes", Map.of("bearer", BEARER)));
    }

    static Map<String, Object> response(String ref) {
        return Map.of(
                "responses",
                Map.of("200", Map.of("content", Map.of("application/json", Map.of("schema", Map.of("$ref", ref))))));
    }

    @Test
    void pathsAndComponentsOfBothDocumentsAreKeptAndClashingSchemasArePrefixedWithTheirReferences() {
        Map<String, Object> merged = CombinedDocument.merge(
                List.of(new ServiceDocument("ledger", ledger()), new ServiceDocument("scheduler", scheduler())));

        assertThat(map(merged.get("paths")))
                .containsOnlyKeys("/api/v1/ledger/status", "/api/v1/jobs/{id}", "/api/v1/jobs/{id}/status");
        Map<String, Object> schemas = map(map(merged.get("components")).get("schemas"));
        assertThat(schemas).containsOnlyKeys("ledger.Status", "scheduler.Status", "scheduler.JobPage", "ProblemDetail");
        assertThat(map(schemas.get("ledger.Status"))).containsEntry("type", "object");
        assertThat(map(schemas.get("scheduler.Status"))).containsEntry("type", "string");
        assertThat(schemaRef(merged, "/api/v1/ledger/status")).isEqualTo("#/components/schemas/ledger.Status");
        assertThat(schemaRef(merged, "/api/v1/jobs/{id}/status")).isEqualTo("#/components/schemas/scheduler.Status");
        assertThat(schemaRef(merged, "/api/v1/jobs/{id}")).isEqualTo("#/components/schemas/scheduler.JobPage");
        assertThat(map(map(map(schemas.get("scheduler.JobPage")).get("properties"))
                        .get("status")))
                .containsEntry("$ref", "#/components/schemas/scheduler.Status");
        assertThat(map(map(merged.get("components")).get("securitySchemes"))).containsOnlyKeys("bearer");

        assertThat(map(merged.get("info"))).containsEntry("title", CombinedDocument.TITLE);
        assertThat(merged).containsEntry("openapi", "3.1.0");
        assertThat(merged).doesNotContainKeys("servers", CombinedDocument.MISSING);
        assertThat((List<?>) merged.get("security")).hasSize(1);
        assertThat((List<?>) merged.get("tags")).hasSize(2);
    }

    @Test
    void aMissingServiceIsNamedAndTheOthersAreStillServed() {
        Map<String, Object> merged = CombinedDocument.merge(List.of(
                new ServiceDocument("ledger", ledger()),
                ServiceDocument.missing("contract"),
                new ServiceDocument("scheduler", scheduler())));

        assertThat(merged).containsEntry(CombinedDocument.MISSING, List.of("contract"));
        assertThat((String) map(merged.get("info")).get("description")).contains("Missing now: contract");
        assertThat(map(merged.get("paths"))).hasSize(3);
    }

    @Test
    void withOneServiceNothingClashesAndWithNoneTheDocumentIsStillValid() {
        Map<String, Object> one = CombinedDocument.merge(List.of(new ServiceDocument("scheduler", scheduler())));
        assertThat(map(map(one.get("components")).get("schemas")))
                .containsOnlyKeys("Status", "JobPage", "ProblemDetail");
        assertThat(schemaRef(one, "/api/v1/jobs/{id}")).isEqualTo("#/components/schemas/JobPage");

        Map<String, Object> none = CombinedDocument.merge(List.of(ServiceDocument.missing("ledger")));
        assertThat(none).containsEntry("openapi", "3.1.0").containsEntry(CombinedDocument.MISSING, List.of("ledger"));
        assertThat(map(none.get("paths"))).isEmpty();
    }

    static String schemaRef(Map<String, Object> doc, String path) {
        Map<String, Object> get = map(map(map(doc.get("paths")).get(path)).get("get"));
        Map<String, Object> ok = map(map(get.get("responses")).get("200"));
        return (String) map(map(map(ok.get("content")).get("application/json")).get("schema"))
                .get("$ref");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }
}
