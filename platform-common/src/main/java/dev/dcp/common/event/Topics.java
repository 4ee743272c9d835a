package dev.dcp.common.event;

import java.util.LinkedHashMap;
import java.util.Map;

/** Kafka topic names (ARCHITECTURE.md, "Kafka topics"). */
public final class Topics {

    public static final String SUBTASKS = "dcp.subtasks";
    public static final String RESULTS = "dcp.results";
    public static final String WORKERS = "dcp.workers";
    public static final String JOB_EVENTS = "dcp.jobs.events";
    /**
     * The ids of cancelled jobs, for the workers to drop queued subtasks: a topic of its own, because the job
     * events carry tenants' results, which a worker may not read.
     */
    public static final String JOB_CANCELLATIONS = "dcp.jobs.cancelled";

    public static final String LEDGER_TX = "dcp.ledger.tx";
    public static final String LEDGER_BLOCKS = "dcp.ledger.blocks";
    public static final String LEDGER_VOTES = "dcp.ledger.votes";

    /**
     * Partition counts for a new cluster. Subtasks get many, so that a consumer group of workers shares them;
     * the ledger topic has exactly one, because its order is the chain's order.
     */
    public static Map<String, Integer> partitions() {
        Map<String, Integer> topics = new LinkedHashMap<>();
        topics.put(SUBTASKS, 12);
        topics.put(RESULTS, 4);
        topics.put(WORKERS, 1);
        topics.put(JOB_EVENTS, 4);
        topics.put(JOB_CANCELLATIONS, 1);
        topics.put(LEDGER_TX, 1);
        topics.put(LEDGER_BLOCKS, 1);
        topics.put(LEDGER_VOTES, 1);
        for (String consumed : new String[] {SUBTASKS, RESULTS, WORKERS, JOB_EVENTS}) {
            topics.put(deadLetter(consumed), 1);
        }
        return topics;
    }

    /** Where a consumer parks a message it cannot process, instead of looping on it. */
    public static String deadLetter(String topic) {
        return topic + ".dlt";
    }

    private Topics() {}
}
