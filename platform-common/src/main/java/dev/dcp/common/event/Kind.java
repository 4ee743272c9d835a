package dev.dcp.common.event;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The kinds of job the platform runs, by the names they go by on the wire: a job spec's {@code kind}, a
 * {@link SubtaskMessage}'s, the ledger's JOB_SUBMITTED. The scheduler splits and reduces each one and the workers run
 * a kernel for each; both sides take the names from here, so neither knows a kind the other has never heard of.
 */
public enum Kind {
    PRIMES("primes"),
    MONTECARLO_PI("montecarlo-pi"),
    HASHCASH("hashcash"),
    MATMUL("matmul"),
    WORDCOUNT("wordcount"),
    WASM("wasm");

    private static final Map<String, Kind> BY_WIRE_NAME = new HashMap<>();

    static {
        for (Kind kind : values()) {
            BY_WIRE_NAME.put(kind.wireName, kind);
        }
    }

    private final String wireName;

    Kind(String wireName) {
        this.wireName = wireName;
    }

    /** The name in JSON, exactly as a tenant writes it. */
    public String wireName() {
        return wireName;
    }

    /** The kind with this wire name; empty for an unknown name or null. Case matters, as it always has. */
    public static Optional<Kind> named(String wireName) {
        return Optional.ofNullable(wireName).map(BY_WIRE_NAME::get);
    }
}
