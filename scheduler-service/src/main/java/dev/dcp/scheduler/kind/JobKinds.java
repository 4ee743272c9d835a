package dev.dcp.scheduler.kind;

import dev.dcp.common.event.Kind;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The job kinds this scheduler runs, each under its name in the platform's {@link Kind}s: a kind the workers have
 * never heard of cannot be registered.
 */
public class JobKinds {

    private final Map<Kind, JobKind> kinds = new EnumMap<>(Kind.class);
    private final Set<String> names = new LinkedHashSet<>();

    public JobKinds() {
        register(new PrimesJob());
        register(new MonteCarloPiJob());
        register(new HashcashJob());
        register(new MatmulJob());
        register(new WordcountJob());
        register(new WasmJob());
    }

    private void register(JobKind kind) {
        Kind named = Kind.named(kind.name())
                .orElseThrow(
                        () -> new IllegalStateException("\"" + kind.name() + "\" is not one of the platform's kinds"));
        if (kinds.putIfAbsent(named, kind) != null) {
            throw new IllegalStateException("two job kinds named \"" + kind.name() + "\"");
        }
        names.add(named.wireName());
    }

    public Optional<JobKind> find(String name) {
        return Kind.named(name).map(kinds::get);
    }

    /** The wire names, in the order the kinds were registered. */
    public Set<String> names() {
        return Collections.unmodifiableSet(names);
    }

    public Set<Kind> kinds() {
        return Collections.unmodifiableSet(kinds.keySet());
    }
}
