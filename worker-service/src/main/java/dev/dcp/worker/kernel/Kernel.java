package dev.dcp.worker.kernel;

import java.util.Map;

/** A deterministic computation of one subtask: equal inputs give byte-for-byte equal outputs on every worker. */
public interface Kernel {

    String kind();

    Map<String, Object> run(Map<String, Object> input);
}
