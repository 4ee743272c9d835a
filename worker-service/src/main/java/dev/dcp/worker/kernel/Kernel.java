package dev.dcp.worker.kernel;

import dev.dcp.common.event.Kind;
import java.util.Map;

/**
 * A deterministic computation of one subtask: equal inputs give byte-for-byte equal answers, work included, on every
 * worker. An exception is a failure of this worker (the scheduler sends the subtask elsewhere); a failure every
 * worker would reach is an {@link Answer#fault}.
 */
public interface Kernel {

    Kind kind();

    Answer run(Map<String, Object> input);
}
