package dev.dcp.scheduler.catalog;

import dev.dcp.common.metering.WorkUnit;
import dev.dcp.scheduler.kind.JobKind;
import dev.dcp.scheduler.kind.JobKinds;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The price list's first half: each kind a job may name, the JSON Schema of its input, what one unit of its work is
 * and how many units make a reference CPU-second (the second half, the price per CPU-second, is each worker's).
 */
@Tag(name = "Kinds")
@RestController
class KindCatalogController {

    record KindView(String kind, Map<String, Object> input, String workUnit, long unitsPerReferenceCpuSecond) {}

    private final List<KindView> catalog;

    KindCatalogController(JobKinds kinds) {
        this.catalog = kinds.names().stream()
                .map(name -> view(kinds.find(name).orElseThrow()))
                .toList();
    }

    private static KindView view(JobKind kind) {
        WorkUnit unit = WorkUnit.of(kind.kind());
        return new KindView(kind.name(), kind.inputSchema(), unit.unit(), unit.unitsPerReferenceCpuSecond());
    }

    /** Any caller with a key may read it (the credential filter has checked one): it holds nothing of anyone's. */
    @GetMapping("/api/v1/kinds")
    List<KindView> kinds() {
        return catalog;
    }
}
