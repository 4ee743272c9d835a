package dev.dcp.common.event;

/** Kafka topic names (ARCHITECTURE.md, "Kafka topics"). */
public final class Topics {

    public static final String SUBTASKS = "dcp.subtasks";
    public static final String RESULTS = "dcp.results";
    public static final String WORKERS = "dcp.workers";
    public static final String JOB_EVENTS = "dcp.jobs.events";
    public static final String LEDGER_TX = "dcp.ledger.tx";
    public static final String LEDGER_BLOCKS = "dcp.ledger.blocks";
    public static final String LEDGER_VOTES = "dcp.ledger.votes";

    /** Where a consumer parks a message it cannot process, instead of looping on it. */
    public static String deadLetter(String topic) {
        return topic + ".dlt";
    }

    private Topics() {
    }
}
