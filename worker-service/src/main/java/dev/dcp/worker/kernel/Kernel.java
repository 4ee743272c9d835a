package dev.dcp.worker.kernel;

import dev.dcp.common.event.Kind;
import java.util.Map;

/** A deterministic computation of one subtask: equal inputs give byte-for-byte equal outputs on every worker. */
public interface Kernel {

    Kind kind();

    Map<String, Object> run(Map<String, Object> input);
}
