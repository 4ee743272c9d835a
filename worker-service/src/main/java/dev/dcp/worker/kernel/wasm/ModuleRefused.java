package dev.dcp.worker.kernel.wasm;

/**
 * A module this worker will not run, for a reason every worker reaches the same way from the same bytes (it does
 * not parse, imports something, uses a feature outside the sandbox, asks for too much memory). The kernel answers
 * it as a fault, which the replicas vote on like a value.
 */
final class ModuleRefused extends RuntimeException {

    private static final long serialVersionUID = 1L;

    ModuleRefused(String reason) {
        super(reason, null, false, false);
    }
}
