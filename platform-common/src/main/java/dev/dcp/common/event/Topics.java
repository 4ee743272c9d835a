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

    /**
     * Shards and storage requests to workers, in binary records keyed by worker id. A worker reads only its own
     * partition ({@link #storagePartition}), so a shard crosses the bus once; retention is short, so the bus is
     * not a second copy an auditor could be answered from.
     */
    public static final String STORAGE_COMMANDS = "dcp.storage.commands";
    /** Workers' receipts, shards read back and audit answers, keyed by request id. */
    public static final String STORAGE_REPLIES = "dcp.storage.replies";

    public static final int STORAGE_COMMAND_PARTITIONS = 16;
    /** The largest record on the storage topics: a shard of a 4 MiB segment at k = 1, with room to spare. */
    public static final int STORAGE_MAX_RECORD_BYTES = 16 * 1024 * 1024;

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
        topics.put(STORAGE_COMMANDS, STORAGE_COMMAND_PARTITIONS);
        topics.put(STORAGE_REPLIES, 4);
        for (String consumed : new String[] {SUBTASKS, RESULTS, WORKERS, JOB_EVENTS}) {
            topics.put(deadLetter(consumed), 1);
        }
        return topics;
    }

    /** Topic settings beyond the broker's defaults. */
    public static Map<String, Map<String, String>> configs() {
        String max = Integer.toString(STORAGE_MAX_RECORD_BYTES);
        return Map.of(
                STORAGE_COMMANDS, Map.of("max.message.bytes", max, "retention.ms", Long.toString(60L * 60 * 1000)),
                STORAGE_REPLIES, Map.of("max.message.bytes", max, "retention.ms", Long.toString(10L * 60 * 1000)));
    }

    /** The partition of {@link #STORAGE_COMMANDS} that carries one worker's records. */
    public static int storagePartition(String workerId) {
        return Math.floorMod(workerId.hashCode(), STORAGE_COMMAND_PARTITIONS);
    }

    /** Where a consumer parks a message it cannot process, instead of looping on it. */
    public static String deadLetter(String topic) {
        return topic + ".dlt";
    }

    private Topics() {}
}
