package dev.dcp.scheduler.kind;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/** The job kinds this scheduler runs. */
@Component
public class JobKinds {

    private final Map<String, JobKind> kinds = new LinkedHashMap<>();

    public JobKinds() {
        register(new PrimesJob());
        register(new MonteCarloPiJob());
        register(new HashcashJob());
        register(new MatmulJob());
        register(new WordcountJob());
        register(new WasmJob());
    }

    private void register(JobKind kind) {
        kinds.put(kind.name(), kind);
    }

    public Optional<JobKind> find(String name) {
        return Optional.ofNullable(name).map(kinds::get);
    }

    public Set<String> names() {
        return kinds.keySet();
    }
}
